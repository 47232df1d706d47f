"""A URLconf without httpfault's error views: the middleware alone must cope."""

from __future__ import annotations

from django.urls import path

from . import views

urlpatterns = [path("ok", views.ok)]
