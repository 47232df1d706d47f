"""URLconf of the Django adapter tests; the error views are httpfault's."""

from __future__ import annotations

from django.urls import path

from . import views

urlpatterns = [
    path("ok", views.ok),
    path("conflict", views.conflict),
    path("lazy", views.lazy),
    path("fields", views.fields),
    path("throttled", views.throttled),
    path("http404", views.http404),
    path("forbidden", views.forbidden),
    path("suspicious", views.suspicious),
    path("bad-request", views.bad_request),
    path("multipart", views.multipart),
    path("body", views.body),
    path("form", views.form),
    path("validation-dict", views.validation_dict),
    path("validation-list", views.validation_list),
    path("pydantic", views.pydantic_error),
    path("ratelimited-text", views.ratelimited_text),
    path("validation-unquoted", views.validation_unquoted),
    path("domain", views.domain),
    path("boom", views.boom),
    path("only-get-post", views.only_get_post),
    path("only-get", views.OnlyGet.as_view()),
    path("own-404", views.own_not_found),
    path("template-boom", views.template_boom),
    path("csrf", views.csrf_protected),
    path("json", views.json_echo),
    path("async/ok", views.async_ok),
    path("async/conflict", views.async_conflict),
    path("async/boom", views.async_boom),
    path("html/conflict", views.conflict),
    path("html/boom", views.boom),
    path("html/http404", views.http404),
    path("html/only-get-post", views.only_get_post),
]

handler400 = "httpfault.adapters.django.handler400"
handler403 = "httpfault.adapters.django.handler403"
handler404 = "httpfault.adapters.django.handler404"
handler500 = "httpfault.adapters.django.handler500"
