"""Fixtures for browser tests in real Chromium (Debian's `chromium`, driven by Playwright).

- `site_url`: the site with the demo content, served by a live server thread in this process
  (so anymail's test outbox and the test database are shared with the test).
- `browser_page`: a fresh Playwright page (own context) per test.
- `axe_violations(page)`: axe-core's WCAG 2.2 A/AA violations on the current page.
- `html_errors(documents)`: Nu Html Checker (vnu.jar) errors for {name: html} documents.
"""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Browser tests that log in a user created inside the test's transaction: the live server
# shares that transaction only on SQLite's in-memory database, not on PostgreSQL.
IN_TEST_TRANSACTION = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
    reason="runs on SQLite only: on PostgreSQL the live server cannot see the test's "
           "transaction (to rework: commit the data and clean up)",
)

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by tests
# themselves are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def _live_site(django_db_setup, django_db_blocker):
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        server = LiveServer("127.0.0.1:0")
        server._live_server_modified_settings.enable()
        yield server
        server._live_server_modified_settings.disable()
        server.stop()


@pytest.fixture
def site_url(_live_site, django_db_blocker):
    """Base URL of the live site; the database stays reachable for the server thread."""
    with django_db_blocker.unblock():
        yield _live_site.url


@pytest.fixture(scope="session")
def _chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test` (installs it)")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def browser_context_args():
    return {"locale": "nl-NL", "viewport": {"width": 1280, "height": 900}, "bypass_csp": True}


@pytest.fixture
def browser_page(_chromium, browser_context_args):
    context = _chromium.new_context(**browser_context_args)
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page):
    """Run axe-core in the page; return WCAG 2.2 A/AA violations as short dicts."""
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"],
         "targets": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def html_errors(documents):
    """Validate {name: html} with the Nu Html Checker; return its error messages."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("java not found: run `make test` (installs default-jre-headless)")
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for index, (name, html) in enumerate(documents.items()):
            path = Path(folder) / f"{index:03d}.html"
            path.write_text(html)
            files.append((str(path), name))
        result = subprocess.run(
            [java, "-jar", str(VNU_JAR), "--format", "json", "--stdout", "--errors-only",
             *[path for path, _ in files]],
            capture_output=True, text=True, timeout=300,
        )
        names = {Path(path).name: name for path, name in files}
        messages = json.loads(result.stdout or "{}").get("messages", [])
        return [
            f"{names.get(Path(m.get('url', '')).name, m.get('url'))}: line {m.get('lastLine')}: "
            f"{m.get('message')}"
            for m in messages
            if m.get("type") == "error"
        ]
