"""Admin: the finder's editor-managed data and the report of what residents look for."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .models import Crisishulp, Crisiswoord, Synoniem, Zoekgewicht


class SynoniemViewSet(SnippetViewSet):
    model = Synoniem
    icon = "search"
    menu_label = _("Synoniemen en woorden")
    list_display = ["term", "uitbreidingen", "gewicht", "actief"]
    list_filter = ["actief", "lijn"]
    search_fields = ["term", "uitbreidingen"]
    ordering = ["term"]


class ZoekgewichtViewSet(SnippetViewSet):
    model = Zoekgewicht
    icon = "pick"
    menu_label = _("Zoekgewichten")
    list_display = ["regeling", "factor", "toelichting"]


class CrisiswoordViewSet(SnippetViewSet):
    model = Crisiswoord
    icon = "warning"
    menu_label = _("Crisiswoorden")
    list_display = ["term", "behalve", "actief"]
    list_filter = ["actief"]
    search_fields = ["term", "behalve"]
    ordering = ["term"]


class CrisishulpViewSet(SnippetViewSet):
    model = Crisishulp
    icon = "warning"
    menu_label = _("Crisishulp (tekst)")
    list_display = ["titel", "taal"]


class VinderGroup(SnippetViewSetGroup):
    menu_label = _("Vinder")
    menu_icon = "search"
    menu_order = 250
    items = (SynoniemViewSet, ZoekgewichtViewSet, CrisiswoordViewSet, CrisishulpViewSet)


register_snippet(VinderGroup)


class ZoekvragenMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_see_report(request.user)


@hooks.register("register_admin_urls")
def register_report_url():
    return [
        path("reports/zoekvragen/", admin_views.zoekvragen_report, name="search_zoekvragen"),
        path("reports/crisishulp/", admin_views.crisis_report, name="search_crisis"),
    ]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return ZoekvragenMenuItem(
        _("Zoekvragen"), reverse("search_zoekvragen"), name="zoekvragen", icon_name="search",
        order=1300,
    )




@hooks.register("register_reports_menu_item")
def register_crisis_report_menu_item():
    return ZoekvragenMenuItem(
        _("Crisishulp getoond"), reverse("search_crisis"), name="crisishulp",
        icon_name="warning", order=1310,
    )
