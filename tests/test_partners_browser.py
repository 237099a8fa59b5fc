"""Partners in real Chromium: the finder embedded on another origin, framing refused
elsewhere, and the partner pages accessible (axe-core) and valid (Nu Html Checker)."""

import http.server
import re
import tempfile
import threading
from pathlib import Path

import pytest

from tests.browser import axe_violations, html_errors

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture
def browser_context_args():
    # Enforce CSP: frame-ancestors is what is tested here.
    return {"locale": "nl-NL", "viewport": {"width": 1280, "height": 900}, "bypass_csp": False}


@pytest.fixture
def partner_site():
    """A second web server on another port (another origin) that serves partner pages."""
    folder = tempfile.TemporaryDirectory()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=folder.name, **kwargs)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def publish(name, body):
        Path(folder.name, name).write_text(
            f'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Partner</title>'
            f"</head><body><h1>Zorgaanbieder</h1>{body}</body></html>"
        )
        return f"http://127.0.0.1:{server.server_port}/{name}"

    yield publish
    server.shutdown()
    folder.cleanup()


def site_frame(page, site_url):
    for _ in range(50):
        for frame in page.frames:
            if frame.url.startswith(site_url):
                return frame
        page.wait_for_timeout(100)
    raise AssertionError(f"no frame from {site_url}: {[f.url for f in page.frames]}")


def test_script_embed_on_another_origin_finds_the_scheme_and_opens_it_on_top(
    browser_page, site_url, partner_site
):
    url = partner_site(
        "script.html",
        f'<p>Vragen over uw zorg?</p><script src="{site_url}/embed/vinden.js" '
        f'data-gemeente="haarlem"></script><p id="na">Na de zoekhulp</p>',
    )
    assert not url.startswith(site_url)
    page = browser_page
    page.goto(url)
    iframe = page.locator("iframe.slp-embed-frame")
    iframe.wait_for()
    frame = site_frame(page, site_url)
    assert "gemeente=haarlem" in frame.url
    frame.get_by_label("Beschrijf in een paar woorden wat er mis ging").fill(
        "de thuiszorg komt niet"
    )
    frame.get_by_role("button", name="Zoek").click()
    frame.wait_for_url(re.compile(r"q=de\+thuiszorg\+komt\+niet"))
    first = frame.locator(".slp-embed__results a").first
    assert first.inner_text() == "Klacht bij de Wmo-aanbieder"
    # The iframe takes the height of the finder (postMessage from the framed page).
    content_height = frame_height = 0
    for _ in range(50):
        content_height = frame.evaluate(
            "document.documentElement.getBoundingClientRect().height"
        )
        frame_height = iframe.evaluate("el => el.getBoundingClientRect().height")
        if abs(frame_height - content_height) <= 2:
            break
        page.wait_for_timeout(100)
    assert abs(frame_height - content_height) <= 2, (frame_height, content_height)
    assert frame_height != 320
    assert frame.evaluate("document.documentElement.scrollHeight <= window.innerHeight + 1")
    # A result opens on this site in the top window, not inside the partner's page.
    first.click()
    page.wait_for_url(f"{site_url}/verwijsgids/klacht-wmo-aanbieder/")
    assert page.locator("h1").inner_text() == "Klacht bij de Wmo-aanbieder"


def test_plain_iframe_embed_works_and_other_pages_refuse_to_be_framed(
    browser_page, site_url, partner_site
):
    refused = ["/", "/linken-naar-ons/", "/ontwikkelaars/", "/verwijsgids/bezwaar/",
               "/zoeken/?q=zorg", "/klacht/", "/embed/vinden.js"]
    frames = "".join(
        f'<iframe id="f{number}" title="test {number}" src="{site_url}{path}"></iframe>'
        for number, path in enumerate(refused)
    )
    url = partner_site(
        "frames.html",
        f'<iframe id="embed" title="Zoekhulp" '
        f'src="{site_url}/en/embed/vinden/?gemeente=zandvoort&amp;domein=jeugd"></iframe>'
        + frames,
    )
    page = browser_page
    page.goto(url, wait_until="load")
    embed = page.frame_locator("#embed")
    embed.get_by_role("heading", level=1).wait_for()
    assert "Zandvoort" in embed.locator("body").inner_text()
    for number, path in enumerate(refused):
        handle = page.locator(f"#f{number}").element_handle()
        frame = handle.content_frame()
        # Chromium replaces a refused frame by an error page: none of our content loads.
        text = frame.evaluate("document.body ? document.body.innerText : ''") if frame else ""
        assert "SignaLeerpunt" not in text, path
        assert frame is None or not frame.url.startswith(site_url) or frame.evaluate(
            "document.querySelector('main') === null"
        ), path


def test_link_builder_without_javascript_gives_a_link_to_the_right_scheme(
    _chromium, site_url
):
    context = _chromium.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    try:
        page.goto(f"{site_url}/linken-naar-ons/")
        page.get_by_label("Zoeken met een vraag die al is ingevuld").check()
        page.get_by_label("Vraag", exact=True).fill("mijn huishoudelijke hulp komt niet")
        page.get_by_role("button", name="Maak de link").click()
        page.wait_for_url(re.compile(r"doel=vraag"))
        pasted = page.locator("#code-html").inner_text()
        assert pasted.startswith(f'<a href="{site_url}/zoeken/?q=')
        page.locator("#voorbeeld a").click()
        page.wait_for_url(re.compile(r"/zoeken/\?q=mijn"))
        first = page.locator("ol.slp-card-list a").first
        assert first.inner_text() == "Klacht bij de Wmo-aanbieder"
    finally:
        context.close()


# axe-core is injected as an inline script: these tests let Chromium bypass the CSP.
AXE_CONTEXT = pytest.mark.parametrize("browser_context_args", [
    {"locale": "nl-NL", "viewport": {"width": 1280, "height": 900}, "bypass_csp": True},
])


@AXE_CONTEXT
def test_embed_page_has_no_axe_violations(browser_page, site_url):
    browser_page.goto(f"{site_url}/embed/vinden/?gemeente=haarlem&q=schulden")
    assert browser_page.locator(".slp-embed__results li").count() >= 1
    assert axe_violations(browser_page) == []
    browser_page.goto(f"{site_url}/embed/vinden/?gemeente=atlantis")
    assert axe_violations(browser_page) == []


@AXE_CONTEXT
@pytest.mark.parametrize("path", [
    "/linken-naar-ons/?doel=embed&gemeente=haarlem",
    "/linken-naar-ons/?doel=vraag&vraag=thuiszorg+komt+niet&taal=nl",
    "/linken-naar-ons/?doel=regeling",
    "/ontwikkelaars/",
])
def test_partner_pages_have_no_axe_violations(browser_page, site_url, path):
    response = browser_page.goto(site_url + path)
    assert response.status in (200, 400)
    assert axe_violations(browser_page) == []


def test_partner_pages_are_valid_html(browser_page, site_url):
    documents = {}
    for path in ["/embed/vinden/?gemeente=haarlem&q=schulden", "/embed/vinden/?domein=xx",
                 "/linken-naar-ons/?doel=embed&gemeente=haarlem",
                 "/linken-naar-ons/?doel=vraag&vraag=zorg", "/linken-naar-ons/?doel=regeling",
                 "/ontwikkelaars/", "/klacht/", "/en/zorg/"]:
        response = browser_page.request.get(site_url + path)
        documents[path] = response.text()
    assert html_errors(documents) == []
