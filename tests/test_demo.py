"""`load_demo` (run by `make run`) is idempotent and never creates the admin outside dev."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page

pytestmark = pytest.mark.django_db


def test_loading_the_demo_twice_changes_nothing():
    before = sorted(Page.objects.values_list("url_path", "live"))
    call_command("load_demo", verbosity=0)
    assert sorted(Page.objects.values_list("url_path", "live")) == before


def test_no_demo_admin_outside_dev_settings(settings):
    assert not getattr(settings, "DEMO_ADMIN", False)
    assert not get_user_model().objects.filter(username="admin").exists()


def test_demo_admin_is_created_under_dev_settings(settings):
    settings.DEMO_ADMIN = True
    call_command("load_demo", verbosity=0)
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password("changeme")
