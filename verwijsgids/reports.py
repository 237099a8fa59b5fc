"""Admin report: schemes whose details were never checked or were checked > 12 months ago,
and municipalities without a first step (no complaint procedure of their own serves them)."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from .models import CHECK_MAX_AGE, Regeling, stappen_per_gemeente


def gemeenten_zonder_eerste_stap():
    """Municipalities (`Term`) that no live first step (own complaint procedure) serves."""
    return [gemeente for gemeente, eerste, _tweede in stappen_per_gemeente() if not eerste]


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
    results_template_name = "verwijsgids/admin/controle_results.html"
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

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["zonder_eerste_stap"] = gemeenten_zonder_eerste_stap()
        return context

    def user_can_see(self, user):
        return user.is_active and user.has_perm("wagtailadmin.access_admin")

    def dispatch(self, request, *args, **kwargs):
        from wagtail.admin.auth import permission_denied

        if not self.user_can_see(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)
