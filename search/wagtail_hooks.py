"""Admin: the finder's editor-managed data and the report of what residents look for."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .models import Synoniem, Zoekgewicht


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


class VinderGroup(SnippetViewSetGroup):
    menu_label = _("Vinder")
    menu_icon = "search"
    menu_order = 250
    items = (SynoniemViewSet, ZoekgewichtViewSet)


register_snippet(VinderGroup)


class ZoekvragenMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_see_report(request.user)


@hooks.register("register_admin_urls")
def register_report_url():
    return [path("reports/zoekvragen/", admin_views.zoekvragen_report, name="search_zoekvragen")]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return ZoekvragenMenuItem(
        _("Zoekvragen"), reverse("search_zoekvragen"), name="zoekvragen", icon_name="search",
        order=1300,
    )


