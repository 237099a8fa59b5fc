"""Local development: `make run`."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, env_list

DEBUG = True
SECRET_KEY = "dev-only-not-secret"  # noqa: S105 (production refuses this value)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],0.0.0.0")
# Mail a newcomer can read: one file per message in var/mail/ (EMAIL_BACKEND overrides).
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend"
)
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
DEMO_ADMIN = True  # `load_demo` creates admin/changeme only when this is set
WHITENOISE_USE_FINDERS = True
PAGE_CACHE_SECONDS = 0  # see template changes at once; the cache is tested under test settings
