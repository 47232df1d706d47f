"""``problem_type_urls()``: URL patterns serving a page for each custom problem type."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, re_path
from django.views.decorators.http import require_safe

from httpfault import Config, HTTPError

from .._type_pages import CONTENT_TYPE, TypePage, error_classes, type_pages
from .settings import current_options

__all__ = ["problem_type_urls"]


def problem_type_urls(
    types: Iterable[type[HTTPError]], *, config: Config | None = None
) -> list[URLPattern]:
    """URL patterns answering ``GET`` on each problem type's URI path with its HTML page.

    Add them to the root URLconf: ``urlpatterns += problem_type_urls([EmailTaken])``.
    *types* are ``HTTPError`` subclasses with their own ``type`` (or a
    ``ProblemRegistry``); a class without one is served at ``type_base`` + its code when
    the config (by default, the ``HTTPFAULT`` setting's) sets ``type_base``. ``ValueError``
    for a type with no path to serve or two types on one path.
    """
    classes = error_classes(types)
    if config is None:
        # The setting only matters for classes without a type of their own (type_base).
        config = current_options().config if not all(c.type for c in classes) else Config()
    return [
        re_path(rf"^{re.escape(page.path[1:])}\Z", _view(page))
        for page in type_pages(classes, config)
    ]


def _view(page: TypePage) -> Callable[[HttpRequest], HttpResponse]:
    @require_safe
    def problem_type_page(request: HttpRequest) -> HttpResponse:
        body = b"" if request.method == "HEAD" else page.body
        return HttpResponse(body, content_type=CONTENT_TYPE)

    return problem_type_page
