"""``render()`` of a typical error against werkzeug's ``Conflict().get_response()``."""

from __future__ import annotations

from benchmarks._harness import Result, compare


def run(rounds: int = 21) -> list[Result]:
    """Compare rendering a 409 (built fresh each time) with werkzeug's own 409 response."""
    from werkzeug.exceptions import Conflict as WerkzeugConflict

    from httpfault import Conflict, RequestInfo, render

    request = RequestInfo(
        "POST", "/users", [("content-type", "application/json"), ("x-request-id", "9f1c2ab3")]
    )
    built = Conflict("Email already registered", code="email_taken")

    def werkzeug() -> object:
        return WerkzeugConflict("Email already registered").get_response()

    def fresh() -> object:
        return render(Conflict("Email already registered", code="email_taken"), None, request)

    def prebuilt() -> object:
        return render(built, None, request)

    return [
        compare("render: build + render a 409", fresh, "werkzeug Conflict().get_response()",
                werkzeug, budget=0.25, rounds=rounds),
        compare("render: render a built 409", prebuilt, "werkzeug Conflict().get_response()",
                werkzeug, budget=0.25, rounds=rounds),
    ]  # fmt: skip
