"""The pure cores of quizzes import no web framework and no database."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "quizzes"
PURE = [ROOT / "bankfile.py", ROOT / "bankdump.py", ROOT / "slugs.py", ROOT / "analysis.py",
        *sorted((ROOT / "qtypes").glob("*.py")), *sorted((ROOT / "gift").glob("*.py"))]
FORBIDDEN = ("flask", "flask_sqlalchemy", "sqlalchemy", "werkzeug", "courses")


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", PURE, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_pure_module_imports_nothing_impure(path):
    assert not _imports(path) & set(FORBIDDEN)
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400
