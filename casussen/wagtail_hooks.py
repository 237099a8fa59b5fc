from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from . import gate, guard


def guideline_view(request):
    return TemplateResponse(request, "casussen/admin/guideline.html", {
        "page_title": _("Publicatierichtlijn casussen"),
        "header_title": _("Publicatierichtlijn casussen"),
        "guideline": guard.guideline_text(),
    })


@permission_required(guard.OVERRIDE_PERMISSION, raise_exception=True)
def overrides_view(request):
    from .models import PrivacyOverride

    return TemplateResponse(request, "casussen/admin/overrides.html", {
        "page_title": _("Privacy-uitzonderingen"),
        "header_title": _("Privacy-uitzonderingen"),
        "overrides": PrivacyOverride.objects.all()[:200],
    })


@require_http_methods(["GET", "POST"])
@permission_required("wagtailadmin.access_admin")
def send_edition_view(request, page_id):
    from .models import NieuwsbriefEditie, Ontvanger
    from .sending import start_sending

    edition = get_object_or_404(NieuwsbriefEditie, pk=page_id)
    if not edition.permissions_for_user(request.user).can_publish():
        messages.error(request, _("U mag deze editie niet versturen."))
        return redirect("wagtailadmin_explore", edition.get_parent().pk)
    if request.method == "POST":
        if not edition.live:
            messages.error(request, _("Publiceer de editie eerst."))
        elif guard.scan_fields(edition.privacy_texts()):
            messages.error(request, _(
                "Niet verstuurd: de privacycontrole vond mogelijke persoonsgegevens in het "
                "onderwerp of de tekst van deze editie. Pas de editie aan en publiceer opnieuw."))
        else:
            created = start_sending(edition)
            messages.success(request, _("Verzending gestart: %(count)s nieuwe ontvangers.")
                             % {"count": created})
        return redirect("casussen_send_edition", page_id)
    counts = {
        state: Ontvanger.objects.filter(edition=edition, state=state).count()
        for state, _label in Ontvanger.STATES
    }
    return TemplateResponse(request, "casussen/admin/send_edition.html", {
        "page_title": _("Editie versturen"), "header_title": edition.title,
        "edition": edition, "counts": counts, "states": Ontvanger.STATES,
    })


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("casussen/publicatierichtlijn/", guideline_view, name="casussen_guideline"),
        path("casussen/privacy-uitzonderingen/", overrides_view, name="casussen_overrides"),
        path("casussen/editie/<int:page_id>/versturen/", send_edition_view,
             name="casussen_send_edition"),
    ]


@hooks.register("register_help_menu_item")
def register_guideline_menu_item():
    return MenuItem(gettext_lazy("Publicatierichtlijn casussen"),
                    "/admin/casussen/publicatierichtlijn/", icon_name="doc-full", order=900)


class OverridesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(guard.OVERRIDE_PERMISSION)


@hooks.register("register_settings_menu_item")
def register_overrides_menu_item():
    return OverridesMenuItem(gettext_lazy("Privacy-uitzonderingen"),
                             "/admin/casussen/privacy-uitzonderingen/", icon_name="warning",
                             order=900)


@hooks.register("register_page_header_buttons")
def send_edition_button(page, user, view_name=None, next_url=None):
    from .models import NieuwsbriefEditie

    if isinstance(page.specific_deferred, NieuwsbriefEditie) and page.live:
        yield Button(_("Versturen"), reverse("casussen_send_edition", args=[page.pk]),
                     icon_name="mail", priority=50)


@hooks.register("before_publish_page")
def block_direct_publishing_of_cases(request, page):
    """The editor's publish button never publishes a case: it goes live after a second
    person's approval in the Privacytoets. Findings are named first."""
    from .models import Casus

    page = page.specific
    if not isinstance(page, Casus):
        return None
    gate.forget_refusals()  # this hook says it itself
    if guard.scan_fields(page.privacy_texts()):
        messages.error(request, _(
            "Niet gepubliceerd: de privacycontrole vond nog persoonsgegevens. De wijzigingen "
            "zijn als concept opgeslagen."))
    else:
        messages.error(request, SECOND_PERSON_MESSAGE)
    return HttpResponseRedirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))


SECOND_PERSON_MESSAGE = _(
    "Niet gepubliceerd: een casus gaat pas online als een tweede persoon hem heeft goedgekeurd "
    "in de Privacytoets. De wijzigingen zijn als concept opgeslagen; bied de casus aan voor "
    "de workflow ‘Casus publiceren’."
)


@hooks.register("before_bulk_action")
def block_bulk_publishing_of_cases(request, action_type, objects, action_class_instance):
    from .models import Casus

    if action_type != "publish":
        return None
    if any(isinstance(getattr(page, "specific_deferred", page), Casus) for page in objects):
        gate.forget_refusals()
        messages.error(request, SECOND_PERSON_MESSAGE)
        return HttpResponseRedirect(
            getattr(action_class_instance, "next_url", None) or reverse("wagtailadmin_home"))
    return None


@hooks.register("construct_page_action_menu")
def no_publish_button_for_cases(menu_items, request, context):
    """A case is never published from the editor (always refused): offer the Privacytoets."""
    from .models import Casus

    page = context.get("page")
    model = getattr(page, "specific_class", None)
    match = getattr(request, "resolver_match", None)
    if page is None and match is not None and match.url_name == "add":
        kwargs = match.kwargs  # the create view gives no page to the menu
        creating_case = (kwargs.get("content_type_app_name"), kwargs.get(
            "content_type_model_name")) == ("casussen", "casus")
        model = Casus if creating_case else None
    if (model is not None and issubclass(model, Casus)) or isinstance(page, Casus):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]
