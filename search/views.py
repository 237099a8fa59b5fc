from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

MAX_QUERY_LENGTH = 200


def search(request):
    """Site search over the live pages of the active language."""
    query = request.GET.get("q", "").strip()
    error = ""
    results = Page.objects.none()
    if len(query) > MAX_QUERY_LENGTH:
        error = _("Uw zoekvraag is te lang. Gebruik maximaal %(max)s tekens.") % {
            "max": MAX_QUERY_LENGTH
        }
    elif query:
        results = (
            Page.objects.live().public().filter(locale=Locale.get_active()).specific()
            .search(query)
        )
    paginator = Paginator(results, 10)
    try:
        page_obj = paginator.page(request.GET.get("pagina", 1))
    except (PageNotAnInteger, EmptyPage):
        page_obj = paginator.page(1)
    return TemplateResponse(
        request,
        "search/search.html",
        {"query": query, "error": error, "results": page_obj, "count": paginator.count},
        status=400 if error else 200,
    )
