"""The command line: codes, explain and the generated reference."""

from __future__ import annotations

import subprocess
import sys

import pytest

from httpfault.__main__ import main


def test_codes_lists_every_status(capsys: pytest.CaptureFixture[str]) -> None:
    """``codes`` prints one row per status with its code and class."""
    assert main(["codes"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["status", "code", "class", "title", "retry"]
    assert len(out) == 41
    assert out[10].split()[:3] == ["409", "conflict", "Conflict"]


def test_explain_shows_meaning_headers_and_both_bodies(capsys: pytest.CaptureFixture[str]) -> None:
    """``explain 429`` prints the meaning, the headers and example bodies in both formats."""
    assert main(["explain", "429"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("429 Too Many Requests\n")
    assert "Retry-After (recommended)" in out
    assert "Retry-After: 30" in out
    assert '"code": "too_many_requests"' in out
    assert "Content-Type: application/problem+json" in out
    assert "Fix it:" in out


@pytest.mark.parametrize(("arg", "message"), [("200", "not an error status"),
                                              ("499", "not a registered"), ("abc", "not a status")])  # fmt: skip
def test_unknown_status_exits_2(arg: str, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown or non-error status gives a clear message and exit code 2."""
    with pytest.raises(SystemExit) as info:
        main(["explain", arg])
    assert info.value.code == 2
    assert message in capsys.readouterr().err


def test_module_entry_point_runs() -> None:
    """``python -m httpfault explain 409`` works as a real process."""
    result = subprocess.run([sys.executable, "-m", "httpfault", "explain", "409"],
                            capture_output=True, text=True, timeout=60, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("409 Conflict")


def test_explain_in_a_language(capsys: pytest.CaptureFixture[str]) -> None:
    """``explain 429 --lang de`` shows the German title and default message."""
    assert main(["explain", "429", "--lang", "de"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("429 Zu viele Anfragen\n")
    assert "English title: Too Many Requests" in out
    assert "Default message: In kurzer Zeit wurden zu viele Anfragen gesendet.\n" in out
    assert '"code": "too_many_requests"' in out  # codes are never translated


@pytest.mark.parametrize("lang", ["pt-br", "ZH-HANS", "en", "EN"])
def test_lang_is_case_insensitive(lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    """--lang takes a shipped tag in any case, and English."""
    assert main(["explain", "404", "--lang", lang]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    expected = {"pt-br": "Não encontrado", "ZH-HANS": "未找到"}.get(lang, "Not Found")
    assert first == f"404 {expected}"


def test_unknown_lang_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """A language with no catalogue is refused, listing the languages there are."""
    with pytest.raises(SystemExit) as info:
        main(["explain", "404", "--lang", "xx"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "no catalogue for 'xx'" in err
    assert "pt-BR" in err
