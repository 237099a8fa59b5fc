"""Views of the kennisbank outside the page tree: registration, cancellation, .ics and CSV.

Pages with a form set a CSRF cookie and are never stored in the page cache (`never_cache`);
the session page itself has no form and stays cacheable.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.models import Locale, Page

from portal import mail_limits

from . import services
from .figures import matrix_csv, table_matrix
from .forms import AanmeldForm
from .ics import session_calendar
from .models import Aanmelding, Kwartaalrapportage, Leerbijeenkomst, WatWeLerenPage
from .tasks import send_registration_mail


def register(request, page):
    """GET: the form; POST: register, then the page with the status and the cancel button."""
    if request.method not in ("GET", "HEAD", "POST"):
        response = HttpResponse(status=405)
        response["Allow"] = "GET, HEAD, POST"
        return response
    session = page.canonical
    form = AanmeldForm(request.POST if request.method == "POST" else None)
    sent = None
    status = 200
    if request.method == "POST":
        if not page.registration_open:
            form.add_error(None, gettext("Aanmelden kan niet meer: de bijeenkomst is begonnen."))
        elif not mail_limits.client_allowed(request):
            form.add_error(None, gettext(
                "U heeft het in korte tijd te vaak geprobeerd. Probeer het over een uur opnieuw."))
            status = 429
        elif form.is_valid():
            email = form.cleaned_data["email"].strip().lower()
            registration, created = services.register(
                session, form.cleaned_data["name"], email, translation.get_language() or "nl",
            )
            # Known or not: the same answer, and at most one repeat a day per session.
            if mail_limits.may_mail(request, email, None if created else f"{session.pk}"):
                send_registration_mail.enqueue(
                    registration.pk, "bevestiging" if created else "al-aangemeld")
            sent = email
    response = page.render(
        request, template="kennisbank/aanmelden.html",
        context_overrides={"form": form, "sent": sent, "session": page},
    )
    response.status_code = status
    add_never_cache_headers(response)
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage_registration(request, token):
    registration = Aanmelding.from_token(token)
    if registration is None:
        return TemplateResponse(
            request, "kennisbank/aanmelding_onbekend.html", {}, status=404
        )
    session = _in_current_language(registration.session)
    if request.method == "POST":
        promoted = services.cancel(registration)
        for other in promoted:
            send_registration_mail.enqueue(other.pk, "plek-vrij")
        return TemplateResponse(
            request, "kennisbank/afgemeld.html", {"session": session}
        )
    return TemplateResponse(
        request, "kennisbank/aanmelding.html",
        {
            "registration": registration, "session": session,
            "position": registration.waiting_position(),
            "new": request.GET.get("nieuw") == "1",
            "is_past": registration.session.is_past,
        },
    )


def _in_current_language(session):
    language = translation.get_language()
    if session.locale.language_code == language:
        return session
    locale = Locale.objects.filter(language_code=language).first()
    translated = session.get_translation_or_none(locale) if locale else None
    return translated if translated and translated.live else session


def _calendar_response(content, filename, inline=False):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    patch_cache_control(response, public=True, max_age=600)
    return response


@require_GET
def agenda_feed(request):
    """iCal feed of the upcoming learning sessions in the current language."""
    sessions = (
        Leerbijeenkomst.objects.live()
        .filter(locale__language_code=translation.get_language(), end__gte=timezone.now())
        .order_by("start")
    )
    content = session_calendar(sessions, name=gettext("Leerbijeenkomsten SignaLeerpunt"))
    return _calendar_response(content, "leerbijeenkomsten.ics", inline=True)


@require_GET
def session_ics(request, pk):
    session = get_object_or_404(Leerbijeenkomst.objects.live(), pk=pk)
    return _calendar_response(session_calendar([session]), f"leerbijeenkomst-{pk}.ics")


@require_GET
def figures_csv(request, pk, table):
    """CSV of one table of a quarterly report or of the "Wat we leren" page: the same text
    as the HTML table."""
    page = get_object_or_404(Page.objects.live(), pk=pk).specific
    matrix = None
    if isinstance(page, Kwartaalrapportage):
        figures = page.get_figures()
        found = next((t for t in (figures or {}).get("tables", []) if t["key"] == table), None)
        if found:
            matrix = table_matrix(found, page.period_label, _previous_label(figures))
    elif isinstance(page, WatWeLerenPage):
        from .learning import table_by_key

        found = table_by_key(page, table)
        matrix = found["matrix"] if found else None
    if matrix is None:
        raise Http404
    response = HttpResponse(
        "\ufeff" + matrix_csv(matrix), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{page.slug}-{table}.csv"'
    patch_cache_control(response, public=True, max_age=600)
    return response


def _previous_label(figures):
    previous = figures["previous"]
    return f"Q{previous['quarter']} {previous['year']}"
