"""Blind index: find a melding by the resident's name, phone number or e-mail address
without decrypting the table.

``hashes(name, email, phone)`` gives keyed hashes (HMAC-SHA256 with
``MELDINGEN_BLIND_INDEX_KEY``) of the normalised values; ``Melding.save`` stores them next to
the encrypted fields. ``search_condition(text)`` is the filter for the admin search: exact
matches only (a whole name, number or address), never part of one. Without the key the
stored hashes tell nothing; a guessed value can only be checked by someone who has the key.

Normalising: names are case-, accent- and punctuation-insensitive ("A. de Vries" =
"a de vries"); e-mail is lower-cased; phone numbers keep digits only, with +31 / 0031 read
as 0. Without ``MELDINGEN_BLIND_INDEX_KEY`` the key is derived from the first
``MELDINGEN_ENCRYPTION_KEYS`` key. After changing either, run
``manage.py vul_zoekindex_meldingen``.
"""

import hashlib
import hmac
import re
import unicodedata

from django.conf import settings

DEV_KEY = b"signaleerpunt-dev-only-blind-index-key-NOT-SECRET"


def _key():
    """MELDINGEN_BLIND_INDEX_KEY; else derived from the first encryption key (own purpose)."""
    key = getattr(settings, "MELDINGEN_BLIND_INDEX_KEY", "")
    if key:
        return key.encode()
    from .crypto import configured_keys

    keys = configured_keys()
    if keys:
        return hmac.new(keys[0].encode(), b"meldingen-blind-index", hashlib.sha256).digest()
    return DEV_KEY


def normalise_name(value):
    text = unicodedata.normalize("NFKD", value or "").casefold()
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def normalise_email(value):
    value = (value or "").strip().lower()
    return value if "@" in value else ""


def normalise_phone(value):
    digits = re.sub(r"\D", "", value or "")
    if (value or "").strip().startswith("+"):
        digits = "00" + digits
    if digits.startswith("0031"):
        rest = digits[4:]
        digits = "0" + (rest[1:] if rest.startswith("0") else rest)  # +31 (0)6 ...
    return digits if len(digits) >= 6 else ""


def _hash(kind, value):
    if not value:
        return ""
    return hmac.new(_key(), f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def hashes(name="", email="", phone=""):
    """{"name_hash": ..., "email_hash": ..., "phone_hash": ...} ("" for an empty value)."""
    return {
        "name_hash": _hash("naam", normalise_name(name)),
        "email_hash": _hash("email", normalise_email(email)),
        "phone_hash": _hash("telefoon", normalise_phone(phone)),
    }


def search_condition(text):
    """A Q for meldingen whose name, e-mail or phone equals `text` (None if it is none)."""
    from django.db.models import Q

    found = hashes(text, text, text)
    condition = None
    for field, value in found.items():
        if value:
            part = Q(**{field: value})
            condition = part if condition is None else condition | part
    return condition
