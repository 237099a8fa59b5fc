"""Public views of the verwijsgids pages (called from the page models' `serve`)."""

from django.template.response import TemplateResponse


def serve_index(page, request):
    return TemplateResponse(request, "verwijsgids/verwijsgids_index_page.html",
                            page.get_context(request))


def serve_regeling(page, request):
    return TemplateResponse(request, "verwijsgids/regeling.html", page.get_context(request))
