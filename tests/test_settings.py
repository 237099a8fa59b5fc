"""Production settings: refuse insecure keys, pass `check --deploy` with HTTPS variables set."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOOD_KEY = "k" * 20 + "-this-is-a-long-random-looking-production-key-0123456789"


def run_manage(*args, **env):
    environment = {
        k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    environment.update(DJANGO_SETTINGS_MODULE="portal.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment,
        capture_output=True, text=True, timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_a_default_secret_key():
    result = run_manage("check", SECRET_KEY="changeme")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_check_deploy_has_no_warnings_with_https():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="signaleerpunt.example", HTTPS="true",
        MELDINGEN_ENCRYPTION_KEYS="7JDBoMm0X4mBFJkdXBQ3RsK0jWG-5GzW7Yb4kAsYBvY=",  # test-only
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def _dev_setting(expression, **env):
    environment = {k: v for k, v in os.environ.items() if k not in ("BASE_URL", "HOST", "PORT")}
    environment.update(DJANGO_SETTINGS_MODULE="portal.settings.dev", **env)
    result = subprocess.run(
        [sys.executable, "-c",
         f"import django; django.setup(); from django.conf import settings; print({expression})"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_make_run_address_follows_host_and_port():
    assert _dev_setting("settings.WAGTAILADMIN_BASE_URL", PORT="8799") == "http://127.0.0.1:8799"
    assert _dev_setting("settings.WAGTAILADMIN_BASE_URL", HOST="0.0.0.0", PORT="9000") == (
        "http://127.0.0.1:9000")
    assert _dev_setting("settings.WAGTAILADMIN_BASE_URL", PORT="8799",
                        BASE_URL="https://slp.example") == "https://slp.example"


def test_make_run_mail_lands_in_readable_files():
    assert _dev_setting("settings.EMAIL_BACKEND") == (
        "django.core.mail.backends.filebased.EmailBackend")
    assert _dev_setting("settings.EMAIL_FILE_PATH").endswith("var/mail")
