"""Cleaning of hostile input: control characters, over-long texts, disguised files."""

import io
import re
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.text import clean_text

MAX_FILES = 3
MAX_FILE_SIZE = 10 * 1024 * 1024

# (content type, file extension, label) per accepted kind.
ACCEPTED = {
    "pdf": ("application/pdf", ".pdf"),
    "jpeg": ("image/jpeg", ".jpg"),
    "png": ("image/png", ".png"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".docx",
    ),
}


def sniff(data: bytes):
    """The kind of file by its content (not its name), or None when it is not accepted."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError, OSError, RuntimeError, NotImplementedError):
            return None
        if "word/document.xml" in names and "[Content_Types].xml" in names:
            return "docx"
    return None


def safe_filename(name, kind):
    """A harmless display name: no path, no control characters, the real extension."""
    name = clean_text(str(name).replace("\\", "/").rsplit("/", 1)[-1], multiline=False)
    stem = re.sub(r"[^\w .()-]", "_", name.rsplit(".", 1)[0])[:80].strip(" .") or "bijlage"
    return stem + ACCEPTED[kind][1]


def check_upload(upload):
    """Validate one uploaded file; return (kind, data) or raise ValidationError (Dutch)."""
    name = clean_text(getattr(upload, "name", "") or "", multiline=False)[:100] or "?"
    if upload.size is not None and upload.size > MAX_FILE_SIZE:
        raise ValidationError(
            _("Het bestand %(name)s is groter dan 10 MB. Kies een kleiner bestand."),
            params={"name": name}, code="too_big",
        )
    data = upload.read(MAX_FILE_SIZE + 1)
    if len(data) > MAX_FILE_SIZE:
        raise ValidationError(
            _("Het bestand %(name)s is groter dan 10 MB. Kies een kleiner bestand."),
            params={"name": name}, code="too_big",
        )
    if not data:
        raise ValidationError(
            _("Het bestand %(name)s is leeg."), params={"name": name}, code="empty"
        )
    kind = sniff(data)
    if kind is None:
        raise ValidationError(
            _("Het bestand %(name)s is geen PDF, JPG, PNG of Word-bestand (DOCX). "
              "Alleen die soorten bestanden kunt u meesturen."),
            params={"name": name}, code="type",
        )
    return kind, data
