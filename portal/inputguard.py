"""Never a 500 from input (issue 18): junk is refused with a Dutch 400 before any view.

`InputGuardMiddleware` (first in MIDDLEWARE, before the page cache): a NUL character in the
path, a query value or a posted field, or a non-numeric ``id`` on the admin's bulk actions
(``/admin/bulk/...?id=None``), gets the Dutch 400 page. `bad_request` is ``handler400``: it
also answers Django's own 400s (more than DATA_UPLOAD_MAX_NUMBER_FILES files or fields in
one post, a post that is too large) in Dutch, with a specific message where there is one.
"""

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.shortcuts import render
from django.utils.translation import gettext as _


def _message(exception):
    if isinstance(exception, TooManyFilesSent):
        return _("U stuurde te veel bestanden tegelijk. Stuur er minder en probeer het opnieuw.")
    if isinstance(exception, RequestDataTooBig):
        return _("Wat u stuurde is te groot. Stuur kleinere bestanden en probeer het opnieuw.")
    if isinstance(exception, TooManyFieldsSent):
        return _("U stuurde te veel velden tegelijk.")
    return _("Het adres of wat u stuurde klopt niet. Controleer het en probeer het opnieuw.")


def bad_request(request, exception=None):
    response = render(request, "400.html", {"message": _message(exception)}, status=400)
    response["Cache-Control"] = "no-store"
    return response


def _has_nul(values):
    return any("\x00" in key or any("\x00" in value for value in items)
               for key, items in values.lists())


class InputGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._refused(request):
            return bad_request(request)
        return self.get_response(request)

    @staticmethod
    def _refused(request):
        if "\x00" in request.path_info or _has_nul(request.GET):
            return True
        if request.path_info.startswith("/admin/bulk/"):
            ids = request.GET.getlist("id")
            if any(not (value.isascii() and value.isdigit()) and value != "all" for value in ids):
                return True
        content_type = request.META.get("CONTENT_TYPE", "")
        if request.method == "POST" and content_type.startswith(
                "application/x-www-form-urlencoded"):
            try:
                return _has_nul(request.POST)
            except Exception:  # noqa: BLE001 - Django's own 400 follows in the view
                return False
        return False
