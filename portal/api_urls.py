"""Everything under /api/: each app adds its endpoints in its own `api_urls` module."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("", include("verwijsgids.api_urls")),
    path("", include("search.api_urls")),
]
