"""Admin report: schemes whose details were never checked or were checked > 12 months ago."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from .models import CHECK_MAX_AGE, Regeling


def overdue_regelingen():
    """Schemes (every language, drafts included) whose check is missing or overdue."""
    limit = timezone.localdate() - CHECK_MAX_AGE
    return (
        Regeling.objects.filter(
            Q(laatst_gecontroleerd__isnull=True) | Q(laatst_gecontroleerd__lt=limit)
        )
        .select_related("locale", "organisatie")
        .order_by("laatst_gecontroleerd", "key", "locale__language_code")
    )


class StatusColumn(Column):
    def get_value(self, instance):
        return {
            "nooit": _("Nog nooit gecontroleerd"),
            "verlopen": _("Langer dan 12 maanden geleden"),
        }.get(instance.controle_status, _("In orde"))


class ControleReportView(ReportView):
    page_title = _("Controle verwijsgids")
    header_icon = "warning"
    index_url_name = "verwijsgids_controle"
    index_results_url_name = "verwijsgids_controle_results"
    paginate_by = 50
    columns = [
        TitleColumn(
            "title", label=_("Regeling"),
            get_url=lambda obj: f"/admin/pages/{obj.pk}/edit/",
        ),
        Column("key", label=_("Sleutel")),
        Column("locale", label=_("Taal"), accessor="locale.language_code"),
        DateColumn("laatst_gecontroleerd", label=_("Laatst gecontroleerd")),
        StatusColumn("controle_status", label=_("Status")),
    ]
    list_export = ["title", "key", "locale.language_code", "laatst_gecontroleerd",
                   "controle_status"]
    export_headings = {
        "title": _("Regeling"), "key": _("Sleutel"), "locale.language_code": _("Taal"),
        "laatst_gecontroleerd": _("Laatst gecontroleerd"), "controle_status": _("Status"),
    }

    def get_queryset(self):
        return overdue_regelingen()

    def user_can_see(self, user):
        return user.is_active and user.has_perm("wagtailadmin.access_admin")

    def dispatch(self, request, *args, **kwargs):
        from wagtail.admin.auth import permission_denied

        if not self.user_can_see(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)
