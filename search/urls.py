from django.urls import path

from . import views

urlpatterns = [path("zoeken/", views.search, name="search")]
