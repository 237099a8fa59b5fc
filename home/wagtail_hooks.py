"""Admin: warn editors on the dashboard while the SignaLeerpunt's contact details are incomplete."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component

from .models import Contactgegevens


class ContactgegevensWarning(Component):
    name = "contactgegevens"
    order = 50
    template_name = "home/admin/contactgegevens_warning.html"

    def __init__(self, missing):
        self.missing = missing

    def get_context_data(self, parent_context=None):
        return {
            "missing": self.missing,
            "edit_url": reverse("wagtailsettings:edit", args=["home", "contactgegevens"]),
        }


@hooks.register("construct_homepage_panels")
def warn_about_missing_contact_details(request, panels):
    missing = Contactgegevens.load().missing
    if missing:
        panels.insert(0, ContactgegevensWarning(missing))
