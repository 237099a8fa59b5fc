"""StreamField blocks shared by the content pages of every app."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("info", _("Informatie")), ("warning", _("Let op")), ("ok", _("Gelukt"))],
        default="info",
        label=_("Soort"),
    )
    heading = blocks.CharBlock(required=False, label=_("Kop"))
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Tekst"))

    class Meta:
        icon = "warning"
        label = _("Opvallend blok")
        template = "blocks/callout.html"


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"))
    description = blocks.CharBlock(required=False, label=_("Korte uitleg"))
    page = blocks.PageChooserBlock(required=False, label=_("Pagina"))
    url = blocks.CharBlock(
        required=False, label=_("Of een adres op deze site"), help_text=_("Bijvoorbeeld /melden/")
    )

    class Meta:
        icon = "link"
        label = _("Link")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            from django.core.exceptions import ValidationError
            from wagtail.blocks import StructBlockValidationError

            raise StructBlockValidationError(
                {"url": ValidationError(_("Kies een pagina of vul een adres in."))}
            )
        return value


class TopTasksBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(LinkBlock(), **kwargs)

    class Meta:
        icon = "list-ul"
        label = _("Toptaken")
        template = "blocks/top_tasks.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        form_classname="title", label=_("Tussenkop"), template="blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, label=_("Tekst"), template="blocks/paragraph.html"
    )
    callout = CalloutBlock()
    top_tasks = TopTasksBlock()

    class Meta:
        block_counts = {}


class CrisisNummerBlock(blocks.StructBlock):
    """One help line in the crisis box (search app)."""

    naam = blocks.CharBlock(label=_("Naam"))
    nummer = blocks.CharBlock(
        required=False, label=_("Nummer"),
        help_text=_("Bijvoorbeeld 0800-2000, of 113 of 0800-0113. Elk nummer wordt een "
                    "belknop. Leeg als er geen vast nummer is."),
    )
    toelichting = blocks.TextBlock(required=False, label=_("Toelichting"))

    class Meta:
        icon = "mobile-alt"
        label = _("Hulpnummer")
