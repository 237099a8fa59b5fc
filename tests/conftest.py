"""Shared fixtures. The demo content is loaded once into the test database, so every test
sees the site as `make run` builds it; each test runs in a transaction that is rolled back."""

import pytest
from django.core.management import call_command

pytest_plugins = ["tests.browser"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0)


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_page(db):
    from home.models import HomePage

    return HomePage.objects.get(locale__language_code="nl")
