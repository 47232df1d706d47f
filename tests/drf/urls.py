"""URLconf of the DRF adapter tests."""

from __future__ import annotations

from django.urls import path

from . import views

urlpatterns = [
    path("orders", views.Orders.as_view()),
    path("private", views.Private.as_view()),
    path("private-no-challenge", views.PrivateNoChallenge.as_view()),
    path("raise/<str:what>", views.Raises.as_view()),
    path("parsed", views.Parsed.as_view()),
    path("broken", views.BrokenParsed.as_view()),
    path("value-error", views.ValueErrorInView.as_view()),
    path("signup", views.Signup.as_view()),
    path("trips", views.Trips.as_view()),
    path("numbers", views.Numbers.as_view()),
    path("shapes/<str:shape>", views.Shapes.as_view()),
]

handler404 = "httpfault.adapters.django.handler404"
handler500 = "httpfault.adapters.django.handler500"
