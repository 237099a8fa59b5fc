"""/api/regelingen/ and /api/regelingen/<key>/ (see verwijsgids.api)."""

from django.urls import path, re_path

from . import api

urlpatterns = [
    path("regelingen/", api.RegelingenList.as_view(), name="api-regelingen"),
    # Any text up to the last slash, so that a malformed key still gets a JSON 404.
    re_path(r"^regelingen/(?P<key>[\s\S]*)/$", api.RegelingDetail.as_view(), name="api-regeling"),
]
