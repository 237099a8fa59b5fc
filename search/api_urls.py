from django.urls import path

from .api import FinderView

urlpatterns = [path("finder/", FinderView.as_view(), name="api-finder")]
