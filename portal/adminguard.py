"""Admin accounts (issue 18): password-reset mails are limited.

`PasswordResetLimitMiddleware`: a POST to the admin's password-reset form counts per client
(``ADMIN_PASSWORD_RESET_LIMIT`` per hour, 429 above it) and per typed address
(`portal.mail_limits.may_mail`): over that, the visitor sees the usual "sent" page and no
mail goes out, so nobody learns whether an address has an account. Failed logins are
handled by django-axes (settings: AXES_*), sessions expire after SESSION_COOKIE_AGE.
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from portal import mail_limits, ratelimit


class PasswordResetLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path == reverse("wagtailadmin_password_reset"):
            allowed = ratelimit.hit(request, "passwordreset",
                                    settings.ADMIN_PASSWORD_RESET_LIMIT, 3600)[0]
            if not allowed:
                return render(request, "portal/login_locked.html", {
                    "message": _("U heeft in korte tijd te vaak een nieuw wachtwoord gevraagd. "
                                 "Probeer het over een uur opnieuw."),
                }, status=429)
            if not mail_limits.may_mail(request, request.POST.get("email", "")):
                return HttpResponseRedirect(reverse("wagtailadmin_password_reset_done"))
        return self.get_response(request)
