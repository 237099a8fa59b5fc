"""The privacy guard for published pages: scan every text that is published, show findings
in place.

`published_texts(page)` is the one list of what a page publishes: title, slug, SEO title,
search description, every text, rich text and StreamField block (down to captions and
link texts), and of every image and document it shows: title, alt text and file name.
`scan_fields(texts)` scans them; it never raises for input: a text too long to check, or an
engine that is not loaded, is a finding that blocks publishing with a clear Dutch message.
Only the admin and the command line call the scanner; public views never do.
"""

import html
import re
from pathlib import Path, PurePosixPath

from django.db import models
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.admin.panels import Panel
from wagtail.fields import RichTextField, StreamField

OVERRIDE_PERMISSION = "casussen.privacy_override"
# Fields of wagtail's Page that are published; the page type's own text fields all are.
PAGE_FIELDS = ["title", "slug", "seo_title", "search_description"]
# Kept for callers that list the case story's own fields.
TEXT_FIELDS = [
    "title", "summary", "situation", "what_went_wrong", "what_was_done", "result", "lessons",
    "organisations", "seo_title", "search_description",
]
ENGINE_KEY = "privacycontrole"
CONTEXT_CHARS = 40
GUIDELINE_PATH = Path(__file__).resolve().parent / "PUBLICATIERICHTLIJN.md"


# --- what a page publishes ----------------------------------------------------------------

BLOCK_BREAK_RE = re.compile(r"<(?:/p|/h\d|/li|br\s*/?|/blockquote|/figcaption)>", re.IGNORECASE)
TAG_RE = re.compile(r"<[^>]*>")
EMBED_RE = re.compile(
    r"<(?:embed|a)\b[^>]*?(?:embedtype|linktype)=\"(image|document)\"[^>]*?\bid=\"(\d+)\"[^>]*>",
    re.IGNORECASE,
)
ALT_RE = re.compile(r"\balt=\"([^\"]*)\"", re.IGNORECASE)


def html_text(value):
    """The readable text of (rich text) HTML: tags out, entities decoded, blocks on lines."""
    text = BLOCK_BREAK_RE.sub("\n", str(value))
    return html.unescape(TAG_RE.sub("", text)).strip()


def _scanned_fields(model):
    """The model's published text fields and its links to images and documents."""
    from wagtail.models import Page

    page_fields = {f.name for f in Page._meta.concrete_fields}
    result = []
    for field in model._meta.concrete_fields:
        if field.name in page_fields:
            if field.name in PAGE_FIELDS:
                result.append(field)
            continue
        if not field.editable or getattr(field, "choices", None):
            continue
        if isinstance(field, (StreamField, RichTextField, models.CharField, models.TextField)):
            result.append(field)
        elif isinstance(field, models.ForeignKey) and _media_kind(field.related_model):
            result.append(field)
    result.sort(key=lambda f: PAGE_FIELDS.index(f.name) if f.name in PAGE_FIELDS else 9)
    return result


def _media_kind(model):
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage

    if model is None or not isinstance(model, type):
        return None
    if issubclass(model, AbstractImage):
        return "image"
    if issubclass(model, AbstractDocument):
        return "document"
    return None


def _media_texts(kind, obj, key, alt=None):
    """Title, alt text and file name of an image; title and file name of a document."""
    if obj is None:
        return {}
    texts = {f"{key}.title": obj.title or ""}
    if kind == "image":
        texts[f"{key}.alt"] = alt if alt is not None else (getattr(obj, "description", "") or "")
    name = PurePosixPath(getattr(obj.file, "name", "") or "").stem
    # "bezwaar_fatima_el-amrani.pdf" is read as the words a person would see in it
    texts[f"{key}.bestandsnaam"] = re.sub(r"[_.+]+", " ", name).strip()
    return texts


def _rich_text_texts(source, key):
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    source = str(source or "")
    texts = {key: html_text(source)}
    for n, m in enumerate(EMBED_RE.finditer(source)):
        kind, pk = m.group(1).lower(), int(m.group(2))
        model = get_image_model() if kind == "image" else get_document_model()
        alt = ALT_RE.search(m.group())
        texts.update(_media_texts(
            kind, model.objects.filter(pk=pk).first(), f"{key}.{kind}{n + 1}",
            alt=html.unescape(alt.group(1)) if alt else None,
        ))
    return texts


def _block_texts(block, value, key):
    """Every published text in one StreamField block value, recursively."""
    from wagtail.documents.blocks import DocumentChooserBlock
    from wagtail.images.blocks import ImageBlock, ImageChooserBlock

    if value is None:
        return {}
    if isinstance(block, ImageBlock):
        return _media_texts("image", value, key, alt=getattr(value, "contextual_alt_text", None))
    if isinstance(block, ImageChooserBlock):
        return _media_texts("image", value, key)
    if isinstance(block, DocumentChooserBlock):
        return _media_texts("document", value, key)
    if isinstance(block, blocks.RichTextBlock):
        return _rich_text_texts(getattr(value, "source", value), key)
    if isinstance(block, blocks.StructBlock):
        texts = {}
        for name, child in block.child_blocks.items():
            texts.update(_block_texts(child, value.get(name), f"{key}.{name}"))
        return texts
    if isinstance(block, blocks.ListBlock):
        texts = {}
        for n, item in enumerate(value):
            texts.update(_block_texts(block.child_block, item, f"{key}.{n + 1}"))
        return texts
    if isinstance(block, blocks.StreamBlock):
        return stream_texts(value, key)
    if isinstance(block, (blocks.ChoiceBlock, blocks.PageChooserBlock, blocks.BooleanBlock)):
        return {}
    if isinstance(value, str):
        return {key: value}
    return {}


def stream_texts(value, key):
    texts = {}
    for n, child in enumerate(value or []):
        texts.update(_block_texts(child.block, child.value, f"{key}.{n + 1}.{child.block_type}"))
    return texts


def value_texts(field, value):
    """{key: text} for one field's value (a string, rich text, a stream or an image)."""
    if isinstance(field, StreamField):
        return stream_texts(value, field.name)
    if isinstance(field, RichTextField):
        return _rich_text_texts(value, field.name)
    if isinstance(field, models.ForeignKey):
        return _media_texts(_media_kind(field.related_model), value, field.name)
    text = "" if value is None else str(value)
    if field.name == "slug":
        text = text.replace("-", " ")  # "jan-de-vries-zwolle" reads as words
    return {field.name: text}


def published_texts(page):
    """{key: text} of everything `page` publishes (see the module docstring)."""
    texts = {}
    for field in _scanned_fields(type(page)):
        value = getattr(page, field.name, None)
        texts.update(value_texts(field, value))
    return {key: text for key, text in texts.items() if text}


def form_texts(form, cleaned):
    """{key: text} of the published fields in an edit form's cleaned data."""
    texts = {}
    for field in _scanned_fields(form._meta.model):
        if field.name in form.fields and field.name in cleaned:
            texts.update(value_texts(field, cleaned[field.name]))
    return {key: text for key, text in texts.items() if text}


KEY_WORDS = {"title": "titel", "alt": "alt-tekst", "bestandsnaam": "bestandsnaam"}


def field_label(model, key):
    """A readable Dutch label for a key of `published_texts`: "De situatie",
    "inhoud › blok 2 (paragraph) › afbeelding 1 › alt-tekst"."""
    if key == ENGINE_KEY:
        return _("Privacycontrole")
    head, *rest = key.split(".")
    try:
        label = str(model._meta.get_field(head).verbose_name)
    except Exception:  # noqa: BLE001 (a key that is not a field name)
        label = head
    parts = [label]
    for part in rest:
        if part.isdigit():
            parts.append(_("blok %(n)s") % {"n": part})
        else:
            kind = re.fullmatch(r"(image|document)(\d+)", part)
            if kind:
                word = _("afbeelding") if kind.group(1) == "image" else _("document")
                parts.append(f"{word} {kind.group(2)}")
            else:
                parts.append(KEY_WORDS.get(part, part))
    return " › ".join(parts)


# --- scanning -----------------------------------------------------------------------------


def scan_fields(texts):
    """{key: [Finding, ...]} for the texts that contain personal data. When the engine is
    not loaded in this web process, one finding under ENGINE_KEY: nothing passes unchecked."""
    from .pii import Finding, scan
    from .pii.engine import EngineNotReady

    report = {}
    for name, value in texts.items():
        if not value:
            continue
        try:
            findings = scan(str(value))
        except EngineNotReady:
            return {ENGINE_KEY: [Finding(0, 0, "", "niet-beschikbaar")]}
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
    if finding.kind == "niet-beschikbaar":
        return finding.label
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
                # A refused post: warn about the text the editor sees (a field with a
                # finding is no longer in cleaned_data, so the form keeps what it scanned).
                posted = getattr(self.form, "scanned_texts", None)
                cleaned = getattr(self.form, "cleaned_data", None)
                if posted is None and cleaned:
                    posted = form_texts(self.form, cleaned)
                texts.update(posted or {})
                for field, findings in scan_fields(texts).items():
                    label = field_label(type(instance), field)
                    for finding in findings:
                        before, found, after = context_of(texts.get(field, ""), finding)
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


MAX_TEXT_CHARS = 10_000


def too_long(form, cleaned):
    """(field, Dutch message) for each text longer than the scan can check: refused on any
    save, the text stays in the form."""
    from .pii import MAX_SCAN_CHARS

    limit = min(MAX_TEXT_CHARS, MAX_SCAN_CHARS)
    for name, value in list(cleaned.items()):
        text = value if isinstance(value, str) else ""
        if len(text) > limit:
            yield name, _(
                "Deze tekst is te lang: %(length)s tekens, het maximum is %(limit)s. Maak hem "
                "korter of verdeel hem over de vragen."
            ) % {"length": _dutch_number(len(text)), "limit": _dutch_number(limit)}


def _dutch_number(n):
    return f"{n:,}".replace(",", ".")
