"""Settings shared by every environment. Environment variables are documented in README.md."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Project apps, one per content area.
    "portal",
    "home",
    "verwijsgids",
    "search",
    "meldformulier",
    "casussen",
    "kennisbank",
    # Wagtail and its translation tools.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Background tasks (Wagtail's and ours).
    "django_tasks",
    "django_tasks_db",
    # APIs for partners.
    "rest_framework",
    "drf_spectacular",
    "corsheaders",
    "anymail",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.inputguard.InputGuardMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.pagecache.PageCacheMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "casussen.gate.RefusalMessagesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.middleware.SecurityHeadersMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# --- admin accounts (issue 18) ---
# Failed logins: after AXES_FAILURE_LIMIT failures an account, and separately a client, is
# locked out for the cool-off time. Counted in the cache (no addresses in the database); the
# client is the salted hash of portal/ratelimit.py's trust model.
MIDDLEWARE.append("portal.adminguard.PasswordResetLimitMiddleware")
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("ADMIN_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("ADMIN_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "portal.ratelimit.client_id"
AXES_LOCKOUT_TEMPLATE = "portal/login_locked.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Password-reset mails: per client per hour (and per address, portal/mail_limits.py).
ADMIN_PASSWORD_RESET_LIMIT = int(os.environ.get("ADMIN_PASSWORD_RESET_LIMIT", "5"))
# Sessions expire: 8 hours after login (also the answers of an unfinished melding).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite by default, PostgreSQL (production) through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the worker and the web process write without "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, else a file cache that every process shares.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "slp"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "portal.cache.LockedFileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache")),
        }
    }
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# Query parameters the public pages read: only these make a page-cache key. A request with
# any other parameter (or a very long value) is served without the cache, so nobody can
# grow the cache with made-up query strings.
PAGE_CACHE_QUERY_PARAMETERS = (
    "q", "pagina", "page", "domein", "soort", "gemeente", "thema", "jaar", "uitkomst",
    "kwartaal", "organisatie", "regeling", "stap", "bron", "dagen",
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Dutch first (at /), English second (at /en/).
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Files that only staff may see (attachments of meldingen) live outside MEDIA_ROOT.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "SignaLeerpunt sociaal domein"
# The public address: BASE_URL, else derived from HOST and PORT (what `make run` serves on).
_HOST = os.environ.get("HOST", "127.0.0.1")
_HOST = "127.0.0.1" if _HOST in ("", "0.0.0.0", "::", "[::]") else _HOST  # noqa: S104
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL") or (
    f"http://{_HOST}:{os.environ.get('PORT', '8000')}"
)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if IS_POSTGRES:
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "dutch"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No third-party requests in the admin: initials instead of Gravatar images.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# A case story publishes exactly the revision approved in the Privacytoets.
WAGTAIL_FINISH_WORKFLOW_ACTION = "casussen.workflow.publish_workflow_state"
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "slp")

# Background tasks: a database queue with a real worker (`manage.py db_worker`).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# E-mail through django-anymail; the provider is chosen by EMAIL_BACKEND + ANYMAIL_* variables.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
ANYMAIL = {
    key[len("ANYMAIL_") :]: value
    for key, value in os.environ.items()
    if key.startswith("ANYMAIL_") and value
}
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "SignaLeerpunt <noreply@signaleerpunt.nl>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
STAFF_NOTIFICATION_EMAIL = os.environ.get("STAFF_NOTIFICATION_EMAIL", "team@signaleerpunt.nl")

# Public APIs
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "SignaLeerpunt API",
    "DESCRIPTION": "Openbare, alleen-lezen API van de verwijsgids en de klacht/zorg-vinder.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["portal.api.only_public_api"],
    # The schema is tested in tests/; the deploy check would walk Wagtail's admin APIs.
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
}
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]

# Security headers (see portal.middleware for the Content-Security-Policy).
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # No personal data in logs: truncated addresses, no query strings or tokens, no e-mail
    # addresses (portal/privatelog.py).
    "filters": {"private": {"()": "portal.privatelog.RedactingFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["private"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# --- meldformulier ---
# Fernet keys for personal data of meldingen, comma-separated, the first one encrypts
# (rotation: see meldformulier/crypto.py). Production refuses to start without them.
MELDINGEN_ENCRYPTION_KEYS = env_list("MELDINGEN_ENCRYPTION_KEYS")
MELDINGEN_REQUIRE_ENCRYPTION_KEYS = False  # True in production.py
# Secret for the blind index (find a melding by name, phone or e-mail; meldformulier.blindindex).
MELDINGEN_BLIND_INDEX_KEY = os.environ.get("MELDINGEN_BLIND_INDEX_KEY", "")
# Months after closing before a melding (with attachments) is deleted automatically.
MELDINGEN_BEWAARTERMIJN_MAANDEN = int(os.environ.get("MELDINGEN_BEWAARTERMIJN_MAANDEN", "12"))
# Promised reaction time (working days) and default follow-up ("nabellen") after a referral.
MELDINGEN_REACTIETERMIJN_WERKDAGEN = int(os.environ.get("MELDINGEN_REACTIETERMIJN_WERKDAGEN", "5"))
MELDINGEN_NABELLEN_DAGEN = int(os.environ.get("MELDINGEN_NABELLEN_DAGEN", "14"))
# Rate limit per client (salted hash of the IP address, kept only in the cache).
MELDINGEN_RATE_LIMIT_ENABLED = env_bool("MELDINGEN_RATE_LIMIT_ENABLED", True)
MELDINGEN_RATE_LIMIT = int(os.environ.get("MELDINGEN_RATE_LIMIT", "10"))  # meldingen ...
MELDINGEN_RATE_LIMIT_SECONDS = int(os.environ.get("MELDINGEN_RATE_LIMIT_SECONDS", "3600"))  # per
# Upload quotas (meldformulier/quota.py): files per client per window, total size of the
# private attachment folder, and when files no melding took are deleted.
MELDINGEN_UPLOADS_PER_CLIENT = int(os.environ.get("MELDINGEN_UPLOADS_PER_CLIENT", "15"))
MELDINGEN_UPLOADS_WINDOW = int(os.environ.get("MELDINGEN_UPLOADS_WINDOW", "3600"))
MELDINGEN_UPLOADS_TOTAL_MB = int(os.environ.get("MELDINGEN_UPLOADS_TOTAL_MB", "2048"))
MELDINGEN_LOOSE_FILES_SECONDS = int(os.environ.get("MELDINGEN_LOOSE_FILES_SECONDS", "3600"))
# Optional ALTCHA proof-of-work on the last step (no third party involved).
MELDINGEN_ALTCHA_ENABLED = env_bool("MELDINGEN_ALTCHA_ENABLED", False)
# Sending e-mail about a melding: attempts before giving up, first back-off in seconds.
MELDINGEN_EMAIL_MAX_ATTEMPTS = int(os.environ.get("MELDINGEN_EMAIL_MAX_ATTEMPTS", "8"))
MELDINGEN_EMAIL_BACKOFF_SECONDS = int(os.environ.get("MELDINGEN_EMAIL_BACKOFF_SECONDS", "60"))
# A forged or expired CSRF token gets a Dutch 403 page instead of Django's English one.
CSRF_FAILURE_VIEW = "meldformulier.views.csrf_failure"

# --- casussen: newsletter ---
# Subscription attempts (POSTs) per client (salted hash of the IP address, kept only in the
# cache, see portal/apilimits.count) per window in seconds; 0 switches the limit off.
NIEUWSBRIEF_RATE_LIMIT = int(os.environ.get("NIEUWSBRIEF_RATE_LIMIT", "5"))
NIEUWSBRIEF_RATE_LIMIT_WINDOW = int(os.environ.get("NIEUWSBRIEF_RATE_LIMIT_WINDOW", "3600"))

# --- mail to typed addresses (portal/mail_limits.py) ---
# Posts per client per hour of forms that mail a typed address (learning-session
# registration), and mails per address per day (registration and melding confirmation).
MAIL_FORM_LIMIT = int(os.environ.get("MAIL_FORM_LIMIT", "10"))
MAIL_PER_ADDRESS_LIMIT = int(os.environ.get("MAIL_PER_ADDRESS_LIMIT", "3"))

# --- kennisbank ---
# Fictional demo meldingen (for the demo quarterly reports) are generated by `load_demo` only
# when DEBUG is on or this is set; never under the production settings.
KENNISBANK_DEMO_MELDINGEN = env_bool("KENNISBANK_DEMO_MELDINGEN", False)

# --- partners (issue 8): API rate limits and caching, see portal/apilimits.py ---
MIDDLEWARE.insert(
    MIDDLEWARE.index("corsheaders.middleware.CorsMiddleware") + 1,
    "portal.apilimits.ApiLimitsMiddleware",
)
# Requests per window per client (hashed IP) on /api/; 0 switches the limit off. The default
# (2 per second on average) trips well before one client can fill the server's workers.
# Client addresses in API_RATE_LIMIT_EXEMPT (default: none; e.g. a benchmark) are not limited.
API_RATE_LIMIT = int(os.environ.get("API_RATE_LIMIT", "120"))
API_RATE_LIMIT_EXEMPT = env_list("API_RATE_LIMIT_EXEMPT", "")
API_RATE_LIMIT_WINDOW = int(os.environ.get("API_RATE_LIMIT_WINDOW", "60"))
API_CACHE_SECONDS = int(os.environ.get("API_CACHE_SECONDS", "300"))
BEHIND_PROXY = env_bool("BEHIND_PROXY")

# The "Snel weg" (quick exit) button: a neutral site that replaces the page.
SNEL_WEG_URL = os.environ.get("SNEL_WEG_URL", "https://www.buienradar.nl/")
# Client addresses (portal/ratelimit.py): X-Forwarded-For is read only from these peers
# (addresses or networks of our own reverse proxy), and only the entry it appended.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "")
