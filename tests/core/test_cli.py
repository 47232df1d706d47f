"""The command line: codes, explain and the generated reference."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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


@pytest.mark.parametrize(
    "name",
    ["404", "not_found", "NotFound", "notfound", "NOT-FOUND", "not found", " Not_Found "],
)
def test_explain_takes_a_status_a_code_or_a_class_name(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``explain`` finds a status by number, code or class name, case and -/_ forgiving."""
    assert main(["explain", name]) == 0
    assert capsys.readouterr().out.startswith("404 Not Found\n")


@pytest.mark.parametrize(
    ("name", "status"),
    [("PayloadTooLarge", 413), ("unprocessable-entity", 422), ("im_a_teapot", 418),
     ("I'm a teapot", 418), ("HTTPNotImplemented", 501), ("not_implemented", 501)],
)  # fmt: skip
def test_explain_knows_aliases_and_titles(
    name: str, status: int, capsys: pytest.CaptureFixture[str]
) -> None:
    """Older class names and the status titles name their status too."""
    assert main(["explain", name]) == 0
    assert capsys.readouterr().out.startswith(f"{status} ")


def test_explain_suggests_close_matches(capsys: pytest.CaptureFixture[str]) -> None:
    """A name that fits nothing exits 2 and suggests the close ones, with their status."""
    with pytest.raises(SystemExit) as info:
        main(["explain", "notfund"])
    assert info.value.code == 2
    assert "did you mean not_found (404)" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["explain", "zzzzzzzz"])
    err = capsys.readouterr().err
    assert "'zzzzzzzz' is not a status, code or class name" in err
    assert "did you mean" not in err


def test_catalog_prints_the_table_and_markdown_the_reference(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``catalog`` alone prints the table; ``--markdown`` the generated reference."""
    assert main(["catalog"]) == 0
    table = capsys.readouterr().out
    assert table.splitlines()[0].split() == ["status", "code", "class", "title", "retry"]
    assert len(table.splitlines()) == 41
    assert main(["catalog", "--markdown"]) == 0
    assert capsys.readouterr().out.startswith("# Status-code reference\n")


def test_console_script_help_names_the_program_as_invoked() -> None:
    """``httpfault --help`` says ``usage: httpfault``; ``python -m`` says so too."""
    script = Path(sys.executable).with_name("httpfault")
    if not script.exists():
        pytest.skip("the console script is not installed next to this interpreter")
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True,
                            timeout=60, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: httpfault ")
    module = subprocess.run([sys.executable, "-m", "httpfault", "--help"], capture_output=True,
                            text=True, timeout=60, check=False)  # fmt: skip
    assert module.stdout.startswith("usage: python -m httpfault ")


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
