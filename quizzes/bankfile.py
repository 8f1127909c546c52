"""Question bank files (``questions/*.yaml``): one category and its questions.

``parse_bank_file`` validates the common fields of every question (docs/content-format.md §5)
and hands the type-specific ones to the question type; nothing raises for a mistake in the
file: every problem comes back as a ``FileError`` with its line. ``dump_bank_file`` writes a
bank back as readable YAML that parses to equal questions.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from lms.yamlfile import YamlError, load_yaml
from quizzes.bankdump import dump_yaml
from quizzes.filecheck import FileError
from quizzes.qtypes import QUESTION_TYPES
from quizzes.qtypes.fields import (
    Problem, Problems, check_keys, read_number, read_text, to_number,
)
from quizzes.slugs import is_slug

COMMON_FIELDS = ("slug", "type", "title", "points", "tags", "citations", "text", "feedback")
CITATION_PATTERN = re.compile(
    r"^[A-ZĐ0-9]+(?:-[A-ZĐ0-9]+)*:[0-9]+[a-zđ]?(?:\.[0-9]+[a-zđ]?(?:\.[a-zđ]+)?)?$")


@dataclass(frozen=True)
class BankQuestion:
    """A validated bank question; ``data`` holds the type's fields as ``to_raw`` writes them.

    ``spec`` is the parsed type spec (same content as ``data``), ``line`` where the question
    starts in its file; neither takes part in equality, and ``data`` not in the hash.
    """

    slug: str
    type: str
    title: str
    points: float
    tags: tuple[str, ...]
    citations: tuple[str, ...]
    text: str
    feedback: str
    data: dict = field(hash=False)
    spec: Any = field(default=None, compare=False, repr=False)
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class BankFile:
    """A parsed bank file: its category, its valid questions and every problem found."""

    path: str
    category: str
    questions: tuple[BankQuestion, ...]
    errors: tuple[FileError, ...]


def parse_bank_file(text: str, path: str) -> BankFile:
    """Parse and validate one ``questions/*.yaml`` file."""
    try:
        data = load_yaml(text)
    except YamlError as exc:
        return BankFile(path, "", (), (FileError(path, exc.line, f"YAML lỗi: {exc.message}"),))
    problems = Problems(1)
    if not isinstance(data, Mapping):
        problems.add("Tệp câu hỏi phải có 'category' và 'questions'")
        return _bank_file(path, "", [], problems.located)
    check_keys(data, ("category", "questions"), problems, "Tệp câu hỏi")
    category = read_category(data.get("category"), problems, data)
    questions = _read_questions(data, problems)
    return _bank_file(path, category, questions, problems.located)


def _bank_file(path: str, category: str, questions: list, problems: Sequence[Problem]):
    """Assemble the BankFile, turning problems into file errors."""
    errors = tuple(FileError(path, p.line, p.message) for p in problems)
    return BankFile(path, category, tuple(questions), errors)


def read_category(value: object, problems: Problems, node: object = None) -> str:
    """Return the category name; '/' separates sub-categories, none may be empty."""
    if not isinstance(value, str) or not value.strip():
        problems.add("Thiếu tên nhóm câu hỏi 'category'", node, "category")
        return ""
    parts = [part.strip() for part in value.split("/")]
    if not all(parts):
        problems.add(f"Tên nhóm '{value}' có một cấp trống giữa hai dấu '/'", node, "category")
    return "/".join(parts)


def _read_questions(data: Mapping, problems: Problems) -> list[BankQuestion]:
    """Read every item of ``questions``, refusing a slug used twice in the file."""
    items = data.get("questions")
    if not isinstance(items, list) or not items:
        problems.add("Tệp câu hỏi cần danh sách 'questions' có ít nhất một câu", data,
                     "questions")
        return []
    questions, first_line = [], {}
    for index, item in enumerate(items):
        question, found = read_question(item, items.line_of(index), number=index + 1)
        problems.items.extend(found)
        if question is None:
            continue
        if question.slug in first_line:
            problems.add(f"Câu hỏi '{question.slug}': slug trùng với câu ở dòng "
                         f"{first_line[question.slug]}", items, index)
            continue
        first_line[question.slug] = question.line
        questions.append(question)
    return questions


def read_question(raw: object, line: int = 0, *,
                  number: int = 1) -> tuple[BankQuestion | None, tuple[Problem, ...]]:
    """Validate one question written as YAML gives it; ``number`` names it if slug is bad."""
    problems = Problems(line)
    if not isinstance(raw, Mapping):
        problems.add(f"Câu hỏi thứ {number}: phải là một mục dạng 'khóa: giá trị'")
        return None, problems.located
    slug = read_text(raw, "slug", problems, f"Câu hỏi thứ {number}")
    where = f"Câu hỏi '{slug}'" if slug else f"Câu hỏi thứ {number}"
    if slug and not is_slug(slug):
        problems.add(f"{where}: slug chỉ gồm chữ thường không dấu, số và dấu gạch nối "
                     "(tối đa 80 ký tự)", raw, "slug")
    qtype = _read_type(raw, problems, where)
    common = _read_common(raw, problems, where, qtype)
    if qtype is None:
        return None, problems.located
    spec, type_problems = qtype.parse_located(raw, default_line=line)
    for problem in type_problems:
        problems.items.append(Problem(problem.line, f"{where}: {problem.message}"))
    if problems:
        return None, problems.located
    question = BankQuestion(slug=slug, type=qtype.name, data=qtype.to_raw(spec), spec=spec,
                            line=line, **common)
    return question, ()


def _read_type(raw: Mapping, problems: Problems, where: str):
    """Return the question type named by ``type``, or None after recording why."""
    name = raw.get("type")
    if name in QUESTION_TYPES:
        return QUESTION_TYPES[name]
    known = ", ".join(QUESTION_TYPES)
    if name is None:
        problems.add(f"{where}: thiếu 'type' (một trong: {known})", raw)
    else:
        problems.add(f"{where}: loại câu hỏi '{name}' không có (một trong: {known})", raw, "type")
    return None


def _read_common(raw: Mapping, problems: Problems, where: str, qtype) -> dict:
    """Read title, points, tags, citations, text and feedback."""
    if qtype is not None:
        check_keys(raw, COMMON_FIELDS + qtype.fields, problems, where)
    points = read_number(raw, "points", problems, where, default=1)
    if points <= 0 and to_number(raw.get("points")) is not None:
        problems.add(f"{where}: 'points' phải lớn hơn 0", raw, "points")
    return {
        "title": read_text(raw, "title", problems, where, required=False),
        "points": points,
        "tags": _read_words(raw, "tags", problems, where),
        "citations": _read_citations(raw, problems, where),
        "text": read_text(raw, "text", problems, where),
        "feedback": read_text(raw, "feedback", problems, where, required=False),
    }


def _read_words(raw: Mapping, key: str, problems: Problems, where: str) -> tuple[str, ...]:
    """Read an optional list of short non-empty texts."""
    value = raw.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value) \
            or any(isinstance(v, bool) for v in value):
        problems.add(f"{where}: '{key}' phải là danh sách các chuỗi, ví dụ [a, b]", raw, key)
        return ()
    words = tuple(str(v).strip() for v in value)
    if not all(words):
        problems.add(f"{where}: '{key}' có mục trống", raw, key)
    return words


def _read_citations(raw: Mapping, problems: Problems, where: str) -> tuple[str, ...]:
    """Read ``citations`` and check each one's syntax (the registry is checked on import)."""
    citations = _read_words(raw, "citations", problems, where)
    for citation in citations:
        if citation and not CITATION_PATTERN.match(citation):
            problems.add(f"{where}: trích dẫn '{citation}' sai cú pháp, cần MÃ:ĐIỀU"
                         "[.KHOẢN[.ĐIỂM]], ví dụ BLLĐ-2019:97.4", raw, "citations")
    return citations


def markdown_fields(question: BankQuestion) -> tuple[tuple[str, str], ...]:
    """Return (label, Markdown) for every author text of a question, for citation checks."""
    fields = [("nội dung", question.text)]
    if question.feedback:
        fields.append(("phản hồi chung", question.feedback))
    qtype = QUESTION_TYPES[question.type]
    spec = question.spec if question.spec is not None else qtype.parse(question.data)[0]
    return tuple(fields) + qtype.markdown_fields(spec)


def question_to_raw(question: BankQuestion) -> dict:
    """Return the question's YAML mapping, keys in the order of the format document."""
    raw: dict = {"slug": question.slug, "type": question.type}
    if question.title:
        raw["title"] = question.title
    raw["points"] = question.points
    if question.tags:
        raw["tags"] = list(question.tags)
    if question.citations:
        raw["citations"] = list(question.citations)
    raw["text"] = question.text
    raw.update(question.data)
    if question.feedback:
        raw["feedback"] = question.feedback
    return raw


def dump_bank_file(category: str, questions: Sequence[BankQuestion]) -> str:
    """Write a bank file that ``parse_bank_file`` reads back to equal questions."""
    return dump_yaml({"category": category,
                      "questions": [question_to_raw(q) for q in questions]})
