from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
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


@hooks.register("after_copy_page")
def tell_what_to_change_in_a_copy(request, page, new_page):
    """A copied scheme starts with a new key and no check date: say what to check."""
    from django.contrib import messages

    from .models import Regeling

    copy = new_page.specific
    if isinstance(copy, Regeling):
        messages.warning(request, _(
            "Dit is een kopie van '%(title)s' met de nieuwe sleutel '%(key)s'. Controleer de "
            "organisatie, domeinen, gemeenten, teksten en zoekwoorden, en vul 'laatst "
            "gecontroleerd' in als u alles heeft nagekeken."
        ) % {"title": page.title, "key": copy.key})


@hooks.register("register_admin_viewset")
def register_regeling_chooser():
    from .chooser import regeling_chooser_viewset

    return regeling_chooser_viewset


class ControlePanel(Component):
    """Dashboard: schemes whose facts were never checked or not in the last 12 months."""

    name = "verwijsgids_controle"
    order = 60
    template_name = "verwijsgids/admin/controle_panel.html"

    def get_context_data(self, parent_context=None):
        from django.conf import settings
        from django.db.models import Q
        from django.utils import timezone

        from .models import CHECK_MAX_AGE, Regeling

        limit = timezone.localdate() - CHECK_MAX_AGE
        stale = Regeling.objects.filter(locale__language_code=settings.LANGUAGE_CODE).filter(
            Q(laatst_gecontroleerd__isnull=True) | Q(laatst_gecontroleerd__lt=limit)
        )
        return {"count": stale.count(), "url": reverse("verwijsgids_controle")}


@hooks.register("construct_homepage_panels")
def add_controle_panel(request, panels):
    from .models import Regeling

    scheme = Regeling.objects.order_by("path").first()
    if scheme is not None and scheme.permissions_for_user(request.user).can_edit():
        panels.append(ControlePanel())
