from django.urls import path

from . import guided, views

urlpatterns = [
    path("zoeken/", views.search, name="search"),
    path("vinden/", guided.vinden, name="search_vinden"),
    path("sporen-wissen/", views.sporen_wissen, name="sporen_wissen"),
]
