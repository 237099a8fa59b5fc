"""Encryption at rest for meldingen: personal fields, descriptions and attachments.

Keys come from the environment variable ``MELDINGEN_ENCRYPTION_KEYS``: comma-separated
Fernet keys, the first one is used to encrypt, all of them can decrypt (``MultiFernet``).
To rotate: put a new key in front, restart, run ``manage.py roteer_meldingsleutels``,
then drop the old key.

Make a key with::

    python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"

In development and tests, without the variable, a fixed key derived from a public string is
used (NOT secret). Production refuses to start without the variable (see ``apps.py``).
"""

import base64
import hashlib
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEV_KEY_SEED = b"signaleerpunt-dev-only-meldingen-key-NOT-SECRET"


class DecryptionError(Exception):
    """A stored value could not be decrypted with any of the configured keys."""


def dev_key():
    return base64.urlsafe_b64encode(hashlib.sha256(DEV_KEY_SEED).digest())


def configured_keys():
    return [key for key in getattr(settings, "MELDINGEN_ENCRYPTION_KEYS", []) if key]


@lru_cache(maxsize=4)
def _multifernet(keys):
    try:
        return MultiFernet([Fernet(key.encode() if isinstance(key, str) else key) for key in keys])
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(
            "MELDINGEN_ENCRYPTION_KEYS bevat een ongeldige Fernet-sleutel."
        ) from exc


def fernet():
    keys = configured_keys()
    if not keys:
        if getattr(settings, "MELDINGEN_REQUIRE_ENCRYPTION_KEYS", False):
            raise ImproperlyConfigured(
                "MELDINGEN_ENCRYPTION_KEYS ontbreekt: zet minstens één Fernet-sleutel."
            )
        keys = [dev_key().decode()]
    return _multifernet(tuple(keys))


def encrypt_bytes(data: bytes) -> bytes:
    return fernet().encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    try:
        return fernet().decrypt(token)
    except InvalidToken as exc:
        raise DecryptionError(
            "Gegevens konden niet worden ontsleuteld (verkeerde sleutel?)."
        ) from exc


def rotate_bytes(token: bytes) -> bytes:
    return fernet().rotate(token)


def encrypt_text(value: str) -> str:
    return encrypt_bytes(value.encode("utf-8")).decode("ascii")


def decrypt_text(token: str) -> str:
    return decrypt_bytes(token.encode("ascii")).decode("utf-8")
