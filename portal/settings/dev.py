"""Local development: `make run`."""

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
SECRET_KEY = "dev-only-not-secret"  # noqa: S105 (production refuses this value)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],0.0.0.0")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEMO_ADMIN = True  # `load_demo` creates admin/changeme only when this is set
WHITENOISE_USE_FINDERS = True
PAGE_CACHE_SECONDS = 0  # see template changes at once; the cache is tested under test settings
