from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class MultilingualSitemap(Sitemap):
    """Wagtail's sitemap lists one language tree; this one lists every language's tree."""

    def items(self):
        root = self.get_wagtail_site().root_page
        trees = Q()
        for path in Page.objects.filter(translation_key=root.translation_key).values_list(
            "path", flat=True
        ):
            trees |= Q(path__startswith=path)
        from casussen.gate import hide_unapproved

        return (
            hide_unapproved(Page.objects.live()).public().filter(trees).order_by("path")
            .defer_streamfields().specific()
        )
