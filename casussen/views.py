"""Public views: the case overview filters, RSS/Atom feeds and the newsletter subscription."""

import secrets

from django import forms
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.mail import send_mail
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Locale

from portal import ratelimit

from .models import OUTCOMES, Abonnee, Casus, NieuwsbriefEditie
from .vocab import vocab

# --- case overview -----------------------------------------------------------------------


def casus_overview_context(index_page, request):
    """Filter the live case stories below `index_page` by plain GET parameters.

    One query: all live cases of the overview (a few hundred at most) are read once and
    filtered here; domains and themes come from the cached vocabulary.
    """
    terms = vocab()
    domains, themes = terms["domains"], terms["themes"]
    all_cases = list(
        Casus.objects.child_of(index_page).approved().order_by("-year", "-quarter", "title")
        .only("id", "title", "slug", "url_path", "path", "depth", "locale_id", "summary",
              "year", "quarter", "outcome", "domain_keys", "theme_keys")
    )
    years = sorted({case.year for case in all_cases}, reverse=True)
    outcomes = dict(OUTCOMES)

    errors = []
    chosen = {key: request.GET.get(key, "").strip()[:100]
              for key in ("domein", "thema", "jaar", "uitkomst")}
    tests = []
    if chosen["domein"]:
        if chosen["domein"] not in {d.key for d in domains}:
            errors.append(_("Dit domein bestaat niet. Kies een domein uit de lijst."))
        tests.append(lambda case: case.has_key("domain_keys", chosen["domein"]))
    if chosen["thema"]:
        if chosen["thema"] not in {t.key for t in themes}:
            errors.append(_("Dit thema bestaat niet. Kies een thema uit de lijst."))
        tests.append(lambda case: case.has_key("theme_keys", chosen["thema"]))
    if chosen["jaar"]:
        if not chosen["jaar"].isdigit() or len(chosen["jaar"]) != 4:
            errors.append(_("Vul het jaar in met vier cijfers, bijvoorbeeld 2025."))
        else:
            tests.append(lambda case: case.year == int(chosen["jaar"]))
    if chosen["uitkomst"]:
        if chosen["uitkomst"] not in outcomes:
            errors.append(_("Deze uitkomst bestaat niet. Kies een uitkomst uit de lijst."))
        tests.append(lambda case: case.outcome == chosen["uitkomst"])

    if errors:
        request.casus_filter_error = True
        case_list = []
    else:
        case_list = [case for case in all_cases if all(test(case) for test in tests)]
    for case in case_list:
        case.domain_list = case.labels("domain_keys", domains)
    return {
        "cases": case_list,
        "count": len(case_list),
        "filter_errors": errors,
        "chosen": chosen,
        "filtered": any(chosen.values()),
        "domain_options": domains,
        "theme_options": themes,
        "year_options": years,
        "outcome_options": OUTCOMES,
    }


# --- feeds -------------------------------------------------------------------------------


class CasusFeed(Feed):
    title = gettext_lazy("Casussen van het SignaLeerpunt")
    description = gettext_lazy("Nieuwe, anonieme casussen: wat ging er mis en wat leren we?")

    def link(self):
        return reverse("casussen_rss")

    def items(self):
        return (
            Casus.objects.approved().public().filter(locale=Locale.get_active())
            .order_by("-first_published_at")[:30]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url or "/"

    def item_pubdate(self, item):
        return item.first_published_at


class CasusAtomFeed(CasusFeed):
    feed_type = Atom1Feed
    subtitle = CasusFeed.description

    def link(self):
        return reverse("casussen_atom")


class EditieFeed(Feed):
    title = gettext_lazy("Nieuwsbrief van het SignaLeerpunt")
    description = gettext_lazy("Alle edities van de nieuwsbrief.")

    def link(self):
        return reverse("nieuwsbrief_rss")

    def items(self):
        return (
            NieuwsbriefEditie.objects.live().public().filter(locale=Locale.get_active())
            .order_by("-first_published_at")[:30]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.url or "/"

    def item_pubdate(self, item):
        return item.first_published_at


class EditieAtomFeed(EditieFeed):
    feed_type = Atom1Feed
    subtitle = EditieFeed.description

    def link(self):
        return reverse("nieuwsbrief_atom")


# --- subscription ------------------------------------------------------------------------


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Uw e-mailadres"), max_length=254,
        error_messages={
            "required": gettext_lazy("Vul uw e-mailadres in."),
            "invalid": gettext_lazy(
                "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."
            ),
        },
    )


def _token():
    return secrets.token_urlsafe(32)


def _absolute(url):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def _send_confirmation(abonnee):
    url = _absolute(reverse("nieuwsbrief_confirm", args=[abonnee.confirm_token]))
    body = render_to_string("casussen/email/confirm.txt", {"confirm_url": url})
    send_mail(_("Bevestig uw aanmelding voor de nieuwsbrief"), body,
              settings.DEFAULT_FROM_EMAIL, [abonnee.email])


def _private(response):
    response["Cache-Control"] = "private, no-store"
    return response


def _subscription_allowed(request):
    """Count this subscription attempt per client (hashed address, in the cache only).

    Returns (allowed, seconds until the client may try again)."""
    allowed, _remaining, reset = ratelimit.hit(
        request, "nieuwsbrief", settings.NIEUWSBRIEF_RATE_LIMIT,
        settings.NIEUWSBRIEF_RATE_LIMIT_WINDOW,
    )
    return allowed, reset


def _too_many_subscriptions(request, retry_after):
    minutes = max(1, -(-retry_after // 60))
    message = ngettext(
        "U heeft het te vaak geprobeerd. Probeer het over %(minutes)s minuut opnieuw.",
        "U heeft het te vaak geprobeerd. Probeer het over %(minutes)s minuten opnieuw.",
        minutes,
    ) % {"minutes": minutes}
    response = TemplateResponse(
        request, "casussen/subscribe.html",
        {"form": SubscribeForm(), "done": False, "limited": message}, status=429,
    )
    response["Retry-After"] = str(retry_after)
    return _private(response)


@require_http_methods(["GET", "POST"])
def subscribe(request):
    form = SubscribeForm(request.POST or None)
    done = False
    if request.method == "POST":
        allowed, retry_after = _subscription_allowed(request)
        if not allowed:
            return _too_many_subscriptions(request, retry_after)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        abonnee = Abonnee.objects.filter(email=email).first()
        if abonnee is None:
            abonnee = Abonnee.objects.create(
                email=email, confirm_token=_token(), unsubscribe_token=_token()
            )
            _send_confirmation(abonnee)
        elif abonnee.state != Abonnee.ACTIVE:
            abonnee.state = Abonnee.PENDING
            abonnee.confirm_token = _token()
            abonnee.save(update_fields=["state", "confirm_token"])
            _send_confirmation(abonnee)
        # An active address gets the same answer: we do not tell who is subscribed.
        done = True
    status = 400 if request.method == "POST" and not done else 200
    return _private(TemplateResponse(
        request, "casussen/subscribe.html", {"form": form, "done": done}, status=status
    ))


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    abonnee = get_object_or_404(Abonnee, confirm_token=token)
    if request.method == "POST" and abonnee.state == Abonnee.PENDING:
        abonnee.state = Abonnee.ACTIVE
        abonnee.confirmed_at = timezone.now()
        abonnee.save(update_fields=["state", "confirmed_at"])
    return _private(TemplateResponse(request, "casussen/confirm.html", {"abonnee": abonnee}))


@csrf_exempt  # RFC 8058 one-click: mail clients POST "List-Unsubscribe=One-Click" without a form
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    abonnee = get_object_or_404(Abonnee, unsubscribe_token=token)
    if request.method == "POST" and abonnee.state != Abonnee.UNSUBSCRIBED:
        abonnee.state = Abonnee.UNSUBSCRIBED
        abonnee.unsubscribed_at = timezone.now()
        abonnee.save(update_fields=["state", "unsubscribed_at"])
    return _private(TemplateResponse(request, "casussen/unsubscribe.html", {
        "abonnee": abonnee, "language": translation.get_language(),
    }))
