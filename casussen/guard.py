"""The privacy guard for case stories: scan every text field, show findings in place.

Only the admin and the command line call the scanner; public views never do.
"""

from pathlib import Path

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.admin.panels import Panel

OVERRIDE_PERMISSION = "casussen.privacy_override"
TEXT_FIELDS = [
    "title", "summary", "situation", "what_went_wrong", "what_was_done", "result", "lessons",
    "organisations", "seo_title", "search_description",
]
CONTEXT_CHARS = 40
GUIDELINE_PATH = Path(__file__).resolve().parent / "PUBLICATIERICHTLIJN.md"


def scan_fields(texts):
    """{field: [Finding, ...]} for the fields of `texts` that contain personal data."""
    from .pii import scan

    report = {}
    for name, value in texts.items():
        if value:
            findings = scan(str(value))
            if findings:
                report[name] = findings
    return report


def report_as_json(report):
    return [
        {"field": field, **finding.as_dict()}
        for field, findings in report.items() for finding in findings
    ]


def context_of(text, finding, width=CONTEXT_CHARS):
    """(before, found, after) around a finding, cut at word boundaries."""
    start, end = finding.start, finding.end
    before = text[max(0, start - width) : start]
    after = text[end : end + width]
    if start > width and " " in before:
        before = "…" + before[before.index(" ") + 1 :]
    if end + width < len(text) and " " in after:
        after = after[: after.rindex(" ")] + "…"
    return before, text[start:end], after


def error_message(text, finding):
    before, found, after = context_of(text, finding)
    return _("Mogelijk persoonsgegeven (%(kind)s): “%(before)s»%(found)s«%(after)s”") % {
        "kind": finding.label, "before": before, "found": found, "after": after,
    }


def guideline_text():
    return GUIDELINE_PATH.read_text(encoding="utf-8")


guideline_help_html = mark_safe(  # noqa: S308 (fixed text, no user input)
    "<p><strong>Publicatierichtlijn in het kort.</strong> Gebruik letters in plaats van "
    "namen (mevrouw A., meneer B.). Noem een leeftijdsgroep (in de zeventig), geen precieze "
    "leeftijd. Geen adressen, postcodes, telefoonnummers, e-mailadressen, datums (alleen "
    "kwartaal en jaar), dossier- of klantnummers, kentekens of zeldzame details. "
    "Organisaties mag u wel noemen. Publiceren kan pas als de privacycontrole niets meer "
    "vindt en een tweede persoon de casus heeft goedgekeurd (Privacytoets).</p>"
    '<p><a href="/admin/casussen/publicatierichtlijn/">Lees de hele publicatierichtlijn</a></p>'
)


class PrivacyFindingsPanel(Panel):
    """Lists what the scanner finds in the current version, each with its place in the text."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "casussen/admin/privacy_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            instance = self.instance
            items = []
            checked = hasattr(instance, "privacy_texts") and bool(instance.pk)
            if checked:
                texts = instance.privacy_texts()
                cleaned = getattr(self.form, "cleaned_data", None) or {}
                texts.update({k: v for k, v in cleaned.items() if k in texts and v})
                for field, findings in scan_fields(texts).items():
                    label = instance._meta.get_field(field).verbose_name
                    for finding in findings:
                        before, found, after = context_of(texts[field], finding)
                        items.append({
                            "field": label, "kind": finding.label, "before": before,
                            "found": found, "after": after,
                        })
            context.update({"items": items, "checked": checked})
            return context


def findings_html(items):
    """Plain HTML list of findings (used in messages)."""
    return format_html(
        "<ul>{}</ul>",
        format_html_join(
            "", "<li>{}: “{}<mark>{}</mark>{}”</li>",
            ((i["field"], i["before"], i["found"], i["after"]) for i in items),
        ),
    )
