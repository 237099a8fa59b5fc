"""Dutch first, English second: complete catalogues and English UI under /en/."""

import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parent.parent / "portal" / "locale"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_catalogue_compiles(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_english_catalogue_has_no_untranslated_strings():
    po = LOCALE / "en" / "LC_MESSAGES" / "django.po"
    result = subprocess.run(["msgfmt", "--statistics", "-o", "/dev/null", str(po)],
                            capture_output=True, text=True)
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


@pytest.mark.django_db
def test_english_pages_use_the_english_catalogue(client):
    english = client.get("/en/").content.decode()
    dutch = client.get("/").content.decode()
    assert "Skip to content" in english and "Naar de inhoud" not in english
    assert "Naar de inhoud" in dutch
