"""The base class of every public page model in this project."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction

RESTRICTIONS_KEY = "pages:any-view-restriction"


def any_view_restriction():
    """Whether any page has a view restriction; cached, so most renders skip two queries."""
    value = cache.get(RESTRICTIONS_KEY)
    if value is None:
        value = PageViewRestriction.objects.exists()
        cache.set(RESTRICTIONS_KEY, value, None)
    return value


def _forget_restrictions(**kwargs):
    cache.delete(RESTRICTIONS_KEY)


post_save.connect(_forget_restrictions, sender=PageViewRestriction, dispatch_uid="restr-save")
post_delete.connect(_forget_restrictions, sender=PageViewRestriction, dispatch_uid="restr-del")


class BasePage(Page):
    """Shared behaviour: cheap view-restriction check; `page_cache = False` opts out of caching."""

    page_cache = True

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        if not any_view_restriction():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
