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
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
