"""Clients generated from the served documents read every recorded error answer.

* Python: datamodel-code-generator makes pydantic models of every example's document
  (FastAPI, DRF, flask-smorest); each recorded body parses into the model its
  response names.
* TypeScript: openapi-typescript (npm, into a temporary directory) makes the types of
  every example's document; a file assigning each recorded body to the type of its
  operation, status and media type passes ``tsc --strict``.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from pydantic import ValidationError

from .conftest import Served
from .helpers import Answer, media, schema_for

pytestmark = [pytest.mark.slow, pytest.mark.server]

NPM_PACKAGES = ("openapi-typescript@7", "typescript@5")


def _models(document: dict[str, Any], where: Path) -> ModuleType:
    codegen = shutil.which("datamodel-codegen", path=str(Path(sys.executable).parent))
    if codegen is None:
        pytest.skip("datamodel-code-generator is not installed")
    source, target = where / "openapi.json", where / "models.py"
    source.write_text(json.dumps(document))
    subprocess.run([codegen, "--input", str(source), "--input-file-type", "openapi",
                    "--output", str(target), "--output-model-type", "pydantic_v2.BaseModel",
                    "--formatters", "ruff-format"],
                   check=True, capture_output=True, timeout=120)  # fmt: skip
    spec = importlib.util.spec_from_file_location(f"generated_{where.name}", target)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # the models refer to each other by name
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


def _plain(value: Any) -> Any:
    """A generated Enum member (OpenAPI 3.0 has no const) as its value."""
    return getattr(value, "value", value)


def _refs(schema: dict[str, Any]) -> list[str]:
    options = schema.get("oneOf", schema.get("anyOf", [schema]))
    return [option["$ref"].rsplit("/", 1)[1] for option in options]


def test_python_models_parse_every_answer(served: Served, tmp_path: Path) -> None:
    """Each recorded body parses into its response's generated pydantic model."""
    module = _models(served.document, tmp_path)
    parsed = 0
    for answer in served.answers:
        names = _refs(schema_for(served.document, answer))
        models = [getattr(module, name) for name in names]
        results = []
        for model in models:
            try:
                results.append(model.model_validate(answer.body))
            except ValidationError:
                continue
        assert results, (answer.status, names, answer.body)
        result = results[0]
        inner = result.error if hasattr(result, "error") else result
        body = answer.body.get("error", answer.body)
        for member, value in body.items():  # typed members included (EmailTaken.email)
            if member in type(inner).model_fields and member not in ("errors", "debug"):
                assert _plain(getattr(inner, member)) == value, member
        parsed += 1
        wrong = json.loads(json.dumps(answer.body))
        wrong.get("error", wrong)["status"] = 599  # another status: no model takes it
        for model in models:
            with pytest.raises(ValidationError):
                model.model_validate(wrong)
    print(f"\ndatamodel-code-generator {served.example.name} {served.document['openapi']}: "
          f"{parsed} recorded error answers parsed into typed models")  # fmt: skip


@pytest.fixture(scope="session")
def typescript(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A temporary npm project with openapi-typescript and typescript installed."""
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is not installed")
    where = tmp_path_factory.mktemp("typescript")
    (where / "package.json").write_text('{"name": "check", "private": true}')
    done = subprocess.run([npm, "install", "--no-audit", "--no-fund", *NPM_PACKAGES],
                          cwd=where, capture_output=True, text=True, timeout=600,
                          check=False)  # fmt: skip
    if done.returncode != 0:
        ping = subprocess.run([npm, "ping"], cwd=where, capture_output=True, timeout=60,
                              check=False)  # fmt: skip
        if ping.returncode != 0:
            pytest.skip("the npm registry is unreachable")
        raise AssertionError(done.stderr[-3000:])
    return where


def _operation_method(document: dict[str, Any], answer: Answer) -> str:
    item = document["paths"][answer.path]
    if answer.method.lower() in item:
        return answer.method.lower()
    return next(m for m, op in item.items()
                if isinstance(op, dict) and str(answer.status) in op.get("responses", {}))  # fmt: skip


def test_typescript_types_accept_every_answer(served: Served, typescript: Path) -> None:
    """tsc --strict accepts each recorded body as its operation's response type."""
    name = f"{served.example.name}-{served.document['openapi']}".replace(".", "_")
    (typescript / f"{name}.json").write_text(json.dumps(served.document))
    generate = subprocess.run(
        [str(typescript / "node_modules/.bin/openapi-typescript"), f"{name}.json",
         "--output", f"{name}.d.ts"],
        cwd=typescript, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert generate.returncode == 0, generate.stderr[-3000:]
    lines = [f'import type {{ paths }} from "./{name}";', ""]
    for index, answer in enumerate(served.answers):
        method = _operation_method(served.document, answer)
        kind = media(answer.content_type)
        target = (f'paths["{answer.path}"]["{method}"]["responses"][{answer.status}]'
                  f'["content"]["{kind}"]')  # fmt: skip
        lines.append(f"export const answer{index}: {target} = {json.dumps(answer.body)};")
    first = served.answers[0]
    target = (f'paths["{first.path}"]["{_operation_method(served.document, first)}"]'
              f'["responses"][{first.status}]["content"]["{media(first.content_type)}"]')  # fmt: skip
    lines += ["// @ts-expect-error a body of another status is refused (the types are not any)",
              f'export const wrong: {target} = {{"status": 599, "error": {{"status": 599}}}};']  # fmt: skip
    check = typescript / f"check_{name}.ts"
    check.write_text("\n".join(lines) + "\n")
    tsc = subprocess.run(
        [str(typescript / "node_modules/.bin/tsc"), "--noEmit", "--strict", "--skipLibCheck",
         "--target", "es2020", "--moduleResolution", "node", check.name],
        cwd=typescript, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert tsc.returncode == 0, tsc.stdout[-4000:]
    print(f"\nopenapi-typescript + tsc {served.example.name} {served.document['openapi']}: "
          f"{len(served.answers)} recorded error answers type-check")  # fmt: skip
