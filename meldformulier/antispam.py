"""Optional proof-of-work against spam (ALTCHA, protocol v1), without any third party.

Off unless ``MELDINGEN_ALTCHA_ENABLED`` is set. The challenge comes from ``/melden/altcha/``;
our own small script (``static/meldformulier/altcha.js``) solves it in the browser and puts
the solution in a hidden field. The server checks signature, expiry and one-time use.
"""

import base64
import hashlib
import json
from datetime import timedelta

from altcha.v1 import ChallengeOptions, create_challenge, verify_solution
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

MAX_NUMBER = 50_000
LIFETIME = timedelta(minutes=20)


def altcha_enabled():
    return bool(getattr(settings, "MELDINGEN_ALTCHA_ENABLED", False))


def hmac_key():
    return hashlib.sha256(f"altcha:{settings.SECRET_KEY}".encode()).hexdigest()


def new_challenge():
    challenge = create_challenge(ChallengeOptions(
        hmac_key=hmac_key(), max_number=MAX_NUMBER, expires=timezone.now() + LIFETIME,
    ))
    return challenge.to_dict()


def verify_altcha(payload):
    """True when `payload` (base64 JSON) solves a challenge we issued, once only."""
    if not payload or len(payload) > 5000:
        return False
    try:
        ok, _error = verify_solution(payload, hmac_key(), check_expires=True)
    except Exception:  # malformed input of any kind is simply not a solution
        return False
    if not ok:
        return False
    try:
        signature = json.loads(base64.b64decode(payload))["signature"]
    except (ValueError, KeyError, TypeError):
        return False
    # One-time use: a solved challenge cannot be replayed.
    return cache.add(f"meldformulier:altcha:{signature}", 1, int(LIFETIME.total_seconds()) + 60)
