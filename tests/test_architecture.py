"""House rules that code review would otherwise have to catch by eye."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Lower layers must not import higher ones: lms core < courses < quizzes < lms.live.
LAYERS = ["lms", "courses", "quizzes", "lms.live"]
# Only the app factory and CLI registration may import feature packages.
EXEMPT = {"lms/__init__.py", "lms/factory.py"}


def _python_files():
    for package in ("lms", "courses", "quizzes"):
        for path in sorted((ROOT / package).rglob("*.py")):
            yield path


def _layer(module: str) -> int | None:
    if module == "lms.live" or module.startswith("lms.live."):
        return LAYERS.index("lms.live")
    top = module.split(".")[0]
    return LAYERS.index(top) if top in LAYERS else None


def _imports(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module


def test_imports_follow_the_layer_direction():
    problems = []
    for path in _python_files():
        rel = path.relative_to(ROOT).as_posix()
        if rel in EXEMPT:
            continue
        own = _layer(rel[:-3].replace("/", "."))
        for lineno, module in _imports(ast.parse(path.read_text("utf-8"))):
            target = _layer(module)
            if module == "app" or (target is not None and own is not None and target > own):
                problems.append(f"{rel}:{lineno} imports {module}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("limit_lines", [50])
def test_no_function_is_longer_than_fifty_lines(limit_lines):
    long = []
    for path in _python_files():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                size = node.end_lineno - node.lineno + 1
                if size > limit_lines:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} {size}")
    assert not long, "\n".join(long)


def _public_definitions(tree: ast.Module):
    """Yield module-level functions and classes, and the methods of those classes."""
    kinds = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    for node in tree.body:
        if isinstance(node, kinds) and not node.name.startswith("_"):
            yield node
            if isinstance(node, ast.ClassDef):
                yield from (child for child in node.body if isinstance(child, kinds)
                            and not child.name.startswith("_"))


def test_every_public_function_and_class_has_a_docstring():
    missing = []
    for path in _python_files():
        for node in _public_definitions(ast.parse(path.read_text("utf-8"))):
            if ast.get_docstring(node) is None:
                missing.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    assert not missing, "\n".join(missing)
