"""A chooser for schemes in the Wagtail admin (used to record a melding's referral).

Lists only live schemes in the default language (``regelingen_voor``), searchable by name,
key and organisation. ``regeling_chooser_viewset.widget_class`` is the form widget; its
value is the page id.
"""

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets.chooser import BaseChooser


class RegelingChooser(BaseChooser):
    """Shows nothing chosen (instead of failing) for a value that is not a page id."""

    def get_instance(self, value):
        if isinstance(value, str) and not value.isdigit():
            return None
        return super().get_instance(value)


class RegelingZoekForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Zoek op naam of sleutel"), required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Naam of sleutel van de regeling")}),
    )

    def filter(self, objects):
        term = (self.cleaned_data.get("q") or "").strip()
        if term:
            objects = objects.filter(
                Q(title__icontains=term) | Q(key__icontains=term)
                | Q(organisatie__name__icontains=term)
            )
            self.is_searching = True
            self.search_query = term
        return objects


class _Columns:
    filter_form_class = RegelingZoekForm
    ordering = "title"

    @property
    def columns(self):
        return [
            self.title_column,
            Column("key", label=_("Sleutel")),
            Column("organisatie", label=_("Organisatie")),
        ]


class ChooseView(_Columns, chooser_views.ChooseView):
    pass


class ChooseResultsView(_Columns, chooser_views.ChooseResultsView):
    pass


class RegelingChooserViewSet(ChooserViewSet):
    model = "verwijsgids.Regeling"
    icon = "list-ul"
    choose_one_text = _("Kies een regeling")
    choose_another_text = _("Kies een andere regeling")
    edit_item_text = _("Bekijk")
    register_widget = False  # the page editor keeps its own widgets
    base_widget_class = RegelingChooser
    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView

    def get_object_list(self):
        from .models import regelingen_voor

        return regelingen_voor(locale=settings.LANGUAGE_CODE).select_related("organisatie")


regeling_chooser_viewset = RegelingChooserViewSet("regeling_chooser")
