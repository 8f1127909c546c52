"""The pure cores of quizzes import no web framework or database and evaluate no code."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
QUIZZES = ROOT / "quizzes"
PURE = sorted(str(p.relative_to(ROOT)) for p in [
    QUIZZES / "filecheck.py", QUIZZES / "yamldump.py", QUIZZES / "quizfile.py",
    QUIZZES / "attempt_rules.py", QUIZZES / "live_scoring.py", QUIZZES / "bankfile.py",
    QUIZZES / "bankdump.py", QUIZZES / "slugs.py", QUIZZES / "analysis.py",
    QUIZZES / "formdata.py", QUIZZES / "editor.py", QUIZZES / "review.py",
    *(QUIZZES / "scenario").glob("*.py"), *(QUIZZES / "qtypes").glob("*.py"),
    *(QUIZZES / "gift").glob("*.py")])
FORBIDDEN_MODULES = ("flask", "flask_sqlalchemy", "sqlalchemy", "flask_socketio", "werkzeug",
                     "courses")
FORBIDDEN_CALLS = ("eval", "exec", "compile", "__import__")


def imported_modules(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            yield node.module or ""


@pytest.mark.parametrize("path", PURE)
def test_pure_module_imports_no_framework(path):
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    for module in imported_modules(tree):
        assert module.split(".")[0] not in FORBIDDEN_MODULES, (path, module)
        if module.startswith("lms"):
            assert module in ("lms.yamlfile", "lms.textfold"), (path, module)


@pytest.mark.parametrize("path", PURE)
def test_pure_module_evaluates_no_code_and_stays_small(path):
    source = (ROOT / path).read_text(encoding="utf-8")
    calls = {node.func.id for node in ast.walk(ast.parse(source))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
    assert not calls & set(FORBIDDEN_CALLS), path
    assert len(source.splitlines()) <= 400, path
