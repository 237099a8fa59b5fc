"""The home page stays within 60 kB transferred (gzip, as whitenoise and a proxy serve it)."""

import gzip
import re

import pytest

pytestmark = pytest.mark.django_db

BUDGET = 60 * 1024


def transferred(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body, len(gzip.compress(body, compresslevel=6))


@pytest.mark.parametrize("path", ["/", "/en/"])
def test_home_page_weighs_at_most_60_kb(client, path):
    html, total = transferred(client, path)
    assets = re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js|woff2?))"', html)
    assert assets, "the page should load its stylesheet"
    for asset in assets:
        total += transferred(client, asset.decode())[1]
    assert total <= BUDGET, f"{path}: {total} bytes transferred"
    loads = re.findall(rb'<(?:script|img|iframe|source|link rel="(?:stylesheet|preload|icon)")'
                       rb'[^>]*(?:src|href)="([^"]+)"', html)
    assert loads and all(url.startswith(b"/") and not url.startswith(b"//") for url in loads), \
        "no third-party requests"
