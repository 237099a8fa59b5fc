"""Admin menu and URLs for handling meldingen; shown only to staff with the permissions."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component

from . import admin_views

admin_urlpatterns = [
    path("", admin_views.index, name="index"),
    path("export/", admin_views.export, name="export"),
    path("nabellen/", admin_views.nabellen, name="nabellen"),
    path("<int:pk>/", admin_views.detail, name="detail"),
    path("<int:pk>/bijlagen/<int:bijlage_pk>/", admin_views.download, name="download"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("meldingen/", include((admin_urlpatterns, "meldformulier_admin")))]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


def _menu_items():
    return [
        PermissionMenuItem(
            _("Alle meldingen"), reverse("meldformulier_admin:index"), icon_name="list-ul",
            permission="meldformulier.view_melding", order=100,
        ),
        PermissionMenuItem(
            _("Nabellen"), reverse("meldformulier_admin:nabellen"), icon_name="date",
            permission="meldformulier.view_melding", order=200,
        ),
    ]


meldingen_menu = Menu(register_hook_name="register_meldingen_menu_item")


@hooks.register("register_meldingen_menu_item")
def _all_meldingen():
    return _menu_items()[0]


@hooks.register("register_meldingen_menu_item")
def _nabellen():
    return _menu_items()[1]


@hooks.register("register_admin_menu_item")
def register_menu():
    return SubmenuMenuItem(_("Meldingen"), meldingen_menu, icon_name="mail", order=250)


class TakenPanel(Component):
    """Dashboard: what staff must do today (links into the lists)."""

    name = "meldingen_taken"
    order = 50
    template_name = "meldformulier/admin/taken_panel.html"

    def get_context_data(self, parent_context=None):
        from django.utils import timezone

        from .models import CLOSED_STATUSES, Melding, Status

        today = timezone.localdate()
        open_ = Melding.objects.exclude(status__in=CLOSED_STATUSES)
        index = reverse("meldformulier_admin:index")
        rows = [
            (_("Nieuwe meldingen"), open_.filter(status=Status.NIEUW).count(),
             f"{index}?status={Status.NIEUW}"),
            (_("Nabellen vandaag of te laat"),
             open_.filter(follow_up_on__lte=today).count(),
             reverse("meldformulier_admin:nabellen")),
            (_("Doorverwezen zonder nabeldatum"),
             open_.filter(status=Status.DOORVERWEZEN, follow_up_on__isnull=True).count(),
             f"{index}?status={Status.DOORVERWEZEN}"),
        ]
        return {"rows": rows}


@hooks.register("construct_homepage_panels")
def add_taken_panel(request, panels):
    if request.user.has_perm("meldformulier.view_melding"):
        panels.append(TakenPanel())
