"""URLs of the example: plain Django views at the root, DRF views under ``/drf/``, the
Django Ninja API under ``/ninja/``."""

from __future__ import annotations

from django.urls import path

from . import api, ninja_api, views

urlpatterns = [
    path("health", views.health),
    path("users", views.users),
    path("users/<int:user_id>", views.user),
    path("async/users/<int:user_id>", views.slow_user),
    path("items", views.items),
    path("items/search", views.search_items),
    path("items/<int:item_id>", views.item),
    path("boom", views.boom),
    path("drf/users", api.UsersView.as_view()),
    path("drf/users/<int:user_id>", api.UserView.as_view()),
    path("drf/items", api.ItemsView.as_view()),
    path("drf/items/search", api.SearchView.as_view()),
    path("drf/private", api.PrivateView.as_view()),
    path("drf/boom", api.BoomView.as_view()),
    path("ninja/", ninja_api.api.urls),
]

# Errors Django answers outside views (other middleware, the resolver) in the contract too.
handler400 = "httpfault.adapters.django.handler400"
handler403 = "httpfault.adapters.django.handler403"
handler404 = "httpfault.adapters.django.handler404"
handler500 = "httpfault.adapters.django.handler500"
