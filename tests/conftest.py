"""Shared fixtures. The demo content is loaded once into the test database, so every test
sees the site as `make run` builds it; each test runs in a transaction that is rolled back."""

import pytest
from django.core.management import call_command

pytest_plugins = ["tests.browser"]


AFTER_MIGRATE = pytest.StashKey[dict]()


def _after_migrate():
    """What the migrations alone made (before the demo content), for tests of data
    migrations: tests/test_casussen_guard.py checks the Privacytoets workflow."""
    from django.contrib.auth.models import Group
    from wagtail.models import Workflow

    workflow = Workflow.objects.filter(name="Casus publiceren").first()
    group = Group.objects.filter(name="Privacyfunctionaris").first()
    return {
        "workflow_tasks": [
            (type(task.specific).__name__, task.name,
             sorted(task.specific.groups.values_list("name", flat=True)))
            for task in (workflow.tasks.all() if workflow else [])
        ],
        "group_permissions": sorted(
            f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()
        ) if group else None,
    }


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    with django_db_blocker.unblock():
        request.config.stash[AFTER_MIGRATE] = _after_migrate()
        call_command("load_demo", verbosity=0)


@pytest.fixture
def after_migrate(request, django_db_setup):
    return request.config.stash[AFTER_MIGRATE]


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """A request under /en/ leaves English active in the thread; every test starts in Dutch."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def home_page(db):
    from home.models import HomePage

    return HomePage.objects.get(locale__language_code="nl")
