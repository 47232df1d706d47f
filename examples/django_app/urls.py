"""URLs of the example: the API of the other examples as plain Django views at the root;
the same users and items as DRF views under ``/drf/``, and the Django Ninja API under
``/ninja/``."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView

from . import api, ninja_api, views

urlpatterns = [
    path("health", views.health),
    path("users", views.users),
    path("users/<int:user_id>", views.user),
    path("items", views.items),
    path("items/<int:item_id>", views.item),
    path("search", views.search),
    path("stats", views.stats),
    path("drf/users", api.UsersView.as_view()),
    path("drf/users/<int:user_id>", api.UserView.as_view()),
    path("drf/items", api.ItemsView.as_view()),
    path("drf/items/search", api.SearchView.as_view()),
    path("drf/private", api.PrivateView.as_view()),
    path("drf/boom", api.BoomView.as_view()),
    path("drf/openapi.json", SpectacularJSONAPIView.as_view(schema=None), name="openapi"),
    path("ninja/", ninja_api.api.urls),
]

# Errors Django answers outside views (other middleware, the resolver) in the contract too.
handler400 = "httpfault.adapters.django.handler400"
handler403 = "httpfault.adapters.django.handler403"
handler404 = "httpfault.adapters.django.handler404"
handler500 = "httpfault.adapters.django.handler500"
