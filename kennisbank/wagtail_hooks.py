"""Staff see the registrations of learning sessions in the admin (with a CSV export)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Aanmelding


class AanmeldingViewSet(SnippetViewSet):
    model = Aanmelding
    icon = "group"
    menu_label = _("Aanmeldingen")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["name", "email", "status", "session", "created_at"]
    list_filter = ["status", "session"]
    list_export = ["name", "email", "status", "session", "created_at"]
    export_filename = "aanmeldingen"
    search_fields = ["name", "email"]
    search_backend_name = None  # plain database filter; registrations are not indexed
    ordering = ["session", "status", "created_at"]


register_snippet(AanmeldingViewSet)
