"""Localized answers: what offering languages costs an English answer, and a German one.

Two ratios for each of the two paths an error takes (an answer reused from the config's
cache through ``handle()``, the usual case for repeated errors; and ``render()`` afresh):

- an English answer (``Accept-Language: en-US,en;q=0.9``) under a config offering 13
  languages, against the same request under the default, English-only config (budget
  1.02x);
- a German answer (``Accept-Language: de-DE,de;q=0.9``) against the English one, both
  under the config offering languages (budget 1.05x).
"""

from __future__ import annotations

import logging

from benchmarks._harness import Result, compare


def run(rounds: int = 21) -> list[Result]:
    """Compare English and German answers with and without languages offered."""
    from httpfault import Config, NotFound, RequestInfo, render
    from httpfault._catalogues import LANGUAGES
    from httpfault._handling import handle

    logger = logging.getLogger("httpfault.bench.languages")
    logger.addHandler(logging.NullHandler())
    logger.propagate = False
    english_only = Config(logger_name=logger.name)
    offering = Config(logger_name=logger.name, languages=("en", *LANGUAGES))

    def request(accept_language: str) -> RequestInfo:
        return RequestInfo("GET", "/users/42", [
            ("accept", "application/json"), ("accept-language", accept_language),
            ("x-request-id", "9f1c2ab3"), ("user-agent", "bench/1.0"),
        ])  # fmt: skip

    en, de = request("en-US,en;q=0.9"), request("de-DE,de;q=0.9")
    built = NotFound("No such user")

    def reused(config: Config, req: RequestInfo) -> object:
        return handle(NotFound("No such user"), config, req)

    return [
        compare("languages: English answer, reused", lambda: reused(offering, en),
                "English only, reused", lambda: reused(english_only, en),
                budget=1.02, rounds=rounds),
        compare("languages: German answer, reused", lambda: reused(offering, de),
                "English answer, reused", lambda: reused(offering, en),
                budget=1.05, rounds=rounds),
        compare("languages: English answer, render()", lambda: render(built, offering, en),
                "English only, render()", lambda: render(built, english_only, en),
                budget=1.02, rounds=rounds),
        compare("languages: German answer, render()", lambda: render(built, offering, de),
                "English answer, render()", lambda: render(built, offering, en),
                budget=1.05, rounds=rounds),
    ]  # fmt: skip
