"""Custom problem types whose pages the ``serve_types`` tests serve, and page checks."""

from __future__ import annotations

import html

import httpfault
from httpfault import HTTPError


class EmailTaken(httpfault.Conflict):
    """Another account already uses this email address: sign in, or choose another one."""

    code = "email_taken"
    type = "https://example.com/problems/email-taken"
    title = "Email taken"


class OutOfCredit(httpfault.PaymentRequired):
    """The balance <b>does not</b> cover the cost & the request was refused."""

    code = "out_of_credit"
    type = "/problems/out-of-credit"
    title = "Out of <credit>"
    default_detail = 'Your balance is lower than the price of "this" request.'


class NoTypeOfItsOwn(httpfault.Conflict):
    """A subclass without a type URI: there is no page to serve for it."""

    code = "no_type"


TYPES = [EmailTaken, OutOfCredit]
PAGES = {"/problems/email-taken": EmailTaken, "/problems/out-of-credit": OutOfCredit}


def assert_page(status: int, content_type: str | None, body: bytes, cls: type[HTTPError]) -> None:
    """A 200 HTML page naming the type's title, status, code and default message, escaped."""
    assert status == 200
    assert content_type == "text/html; charset=utf-8"
    page = body.decode()
    assert page.startswith("<!DOCTYPE html>")
    assert f"<title>{html.escape(cls.title)}</title>" in page
    assert f"<h1>{html.escape(cls.title)}</h1>" in page
    assert html.escape(cls.default_detail) in page
    assert f"<code>{cls.code}</code>" in page
    assert f"{cls.status} " in page
    assert f"<code>{html.escape(str(cls.type))}</code>" in page
    assert "<credit>" not in page
    assert "<b>" not in page
