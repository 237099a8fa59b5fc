from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Gemeente
from .reports import ControleReportView


@hooks.register("register_admin_urls")
def register_controle_report_url():
    return [
        path("reports/verwijsgids-controle/", ControleReportView.as_view(),
             name="verwijsgids_controle"),
        path("reports/verwijsgids-controle/results/",
             ControleReportView.as_view(results_only=True),
             name="verwijsgids_controle_results"),
    ]


@hooks.register("register_reports_menu_item")
def register_controle_report_menu_item():
    return MenuItem(
        _("Controle verwijsgids"),
        reverse("verwijsgids_controle"),
        name="verwijsgids-controle",
        icon_name="warning",
        order=150,
    )


class GemeenteViewSet(SnippetViewSet):
    """Municipalities, with the first and second step each one has."""

    model = Gemeente
    list_display = ["name", "key", "eerste_stap", "tweede_stap"]


register_snippet(GemeenteViewSet)
