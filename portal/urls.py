from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from portal import views as portal_views
from portal.partners import PartnerSitemap
from portal.sitemap import MultilingualSitemap

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap,
                                               "partners": PartnerSitemap}}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots_txt",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", portal_views.healthz, name="healthz"),
    path("status", portal_views.status, name="status"),
    # Public APIs (language through ?lang=, not the URL prefix).
    path("api/", include("portal.api_urls")),
]

# Public pages, Dutch at /, English at /en/. App views come before Wagtail's catch-all.
urlpatterns += i18n_patterns(
    path("", include("portal.partner_urls")),  # partners: deep links, embed, link builder
    path("", include("search.urls")),
    path("", include("verwijsgids.urls")),
    path("", include("meldformulier.urls")),
    path("", include("casussen.urls")),
    path("", include("kennisbank.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "portal.inputguard.bad_request"
handler404 = portal_views.page_not_found
handler500 = portal_views.server_error
