"""Read and write `quizzes/<slug>.yaml` (docs/content-format.md §6): settings and questions."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from lms.yamlfile import LineDict
from quizzes.filecheck import ErrorSink, FileError, Fields, open_file
from quizzes.yamldump import FlowList, dump_yaml

GRADING_METHODS = ("highest", "last", "average")
OVERDUE_POLICIES = ("autosubmit", "discard")
REVIEW_MOMENTS = ("during", "immediately", "later", "after_close")
REVIEW_ITEMS = ("correctness", "marks", "feedback", "right_answer")
TOP_KEYS = ("slug", "title", "module", "intro", "time_limit_minutes", "opens_at", "closes_at",
            "attempts_allowed", "grading_method", "pass_mark", "shuffle_questions",
            "shuffle_options", "overdue_policy", "review", "questions")
WHERE = "Bài kiểm tra"


@dataclass(frozen=True)
class ReviewOptions:
    """What a trainee may see of an attempt at each of the four review moments."""

    during: tuple[str, ...] = ()
    immediately: tuple[str, ...] = REVIEW_ITEMS
    later: tuple[str, ...] = ("correctness", "marks")
    after_close: tuple[str, ...] = REVIEW_ITEMS

    def allows(self, moment: str, item: str) -> bool:
        """Tell whether ``item`` may be shown at ``moment``."""
        if moment not in REVIEW_MOMENTS or item not in REVIEW_ITEMS:
            raise ValueError(f"unknown review moment or item: {moment!r}, {item!r}")
        return item in getattr(self, moment)


@dataclass(frozen=True)
class QuestionRef:
    """A fixed bank question, with an optional points override."""

    slug: str
    points: float | None = None
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class RandomRef:
    """``count`` questions drawn at random per attempt from a bank category."""

    category: str
    count: int = 1
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class QuizSpec:
    """A quiz as written in its file: settings and the ordered question references."""

    slug: str
    title: str
    module: str
    intro: str = ""
    time_limit_minutes: int = 0
    opens_at: datetime | None = None
    closes_at: datetime | None = None
    attempts_allowed: int = 0
    grading_method: str = "highest"
    pass_mark: float = 50
    shuffle_questions: bool = False
    shuffle_options: bool = True
    overdue_policy: str = "autosubmit"
    review: ReviewOptions = ReviewOptions()
    questions: tuple[QuestionRef | RandomRef, ...] = ()
    key_lines: tuple[tuple[str, int], ...] = field(default=(), compare=False)

    def line_of(self, key: str) -> int:
        """Return the line of a top-level key of the file, or 1."""
        return dict(self.key_lines).get(key, 1)


def parse_quiz_file(text: str, path: str) -> tuple[QuizSpec | None, tuple[FileError, ...]]:
    """Read a quiz file; return the spec, or None and every error with its line."""
    top, sink = open_file(text, path, WHERE, TOP_KEYS)
    if top is None:
        return None, sink.errors
    spec = QuizSpec(
        slug=top.slug("slug"), title=top.text("title", required=True),
        module=top.slug("module"), intro=top.text("intro"),
        time_limit_minutes=top.integer("time_limit_minutes", 0, minimum=0),
        opens_at=_moment(top, "opens_at"), closes_at=_moment(top, "closes_at"),
        attempts_allowed=top.integer("attempts_allowed", 0, minimum=0),
        grading_method=top.one_of("grading_method", GRADING_METHODS, "highest"),
        pass_mark=top.number("pass_mark", 50, minimum=0, maximum=100),
        shuffle_questions=top.boolean("shuffle_questions", False),
        shuffle_options=top.boolean("shuffle_options", True),
        overdue_policy=top.one_of("overdue_policy", OVERDUE_POLICIES, "autosubmit"),
        review=_review(top), questions=_questions(top),
        key_lines=tuple(top.mapping.key_lines.items()))
    if spec.opens_at and spec.closes_at and spec.opens_at >= spec.closes_at:
        top.error("closes_at", "'closes_at' phải sau 'opens_at'")
    return sink.outcome(spec)


def _moment(fields: Fields, key: str) -> datetime | None:
    """Read an ISO 8601 date and time with its UTC offset (YAML may already have parsed it)."""
    value = fields.mapping.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            value = None
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value
    if isinstance(value, datetime):
        kind = "thiếu múi giờ"
    else:
        kind = "thiếu giờ và múi giờ" if isinstance(value, date) else "không đúng dạng"
    fields.error(key, f"'{key}' {kind}: viết ngày giờ ISO 8601 có múi giờ, "
                      "ví dụ 2026-12-01T08:00:00+07:00")
    return None


def _review(top: Fields) -> ReviewOptions:
    """Read the review matrix; a moment left out keeps its default."""
    value = top.mapping.get("review")
    if value is None:
        return ReviewOptions()
    if not isinstance(value, LineDict):
        top.error("review", "'review' phải là bảng các thời điểm: danh sách mục")
        return ReviewOptions()
    review = Fields(value, top.sink, f"{WHERE}, review")
    review.only(REVIEW_MOMENTS)
    moments = {}
    for moment in REVIEW_MOMENTS:
        items = value.get(moment)
        if moment not in value:
            continue
        if not isinstance(items, list) or any(item not in REVIEW_ITEMS for item in items):
            review.error(moment, f"'{moment}' phải là danh sách gồm: {', '.join(REVIEW_ITEMS)}")
            continue
        moments[moment] = tuple(item for item in REVIEW_ITEMS if item in items)
    return ReviewOptions(**moments)


def _questions(top: Fields) -> tuple[QuestionRef | RandomRef, ...]:
    """Read the question references: fixed ``{slug, points?}`` or ``{random, count?}``."""
    items = top.mapping.get("questions")
    if not isinstance(items, list) or not items:
        top.error("questions", "'questions' phải là danh sách không rỗng")
        return ()
    refs, seen = [], {}
    for position, item in enumerate(items, start=1):
        if not isinstance(item, LineDict):
            top.sink.add(items.line_of(position - 1),
                         f"{WHERE}, câu {position}: phải là {{slug, points}} hoặc {{random, count}}")
            continue
        ref = _question_ref(Fields(item, top.sink, f"{WHERE}, câu {position}"))
        if ref is None:
            continue
        if isinstance(ref, QuestionRef):
            if ref.slug in seen:
                top.sink.add(ref.line, f"{WHERE}, câu {position}: câu hỏi '{ref.slug}' đã có "
                                       f"ở dòng {seen[ref.slug]}")
                continue
            seen[ref.slug] = ref.line
        refs.append(ref)
    return tuple(refs)


def _question_ref(fields: Fields) -> QuestionRef | RandomRef | None:
    """Read one question reference."""
    has_slug, has_random = "slug" in fields.mapping, "random" in fields.mapping
    if has_slug == has_random:
        fields.sink.add(fields.mapping.line, f"{fields.where}: cần đúng một trong 'slug' "
                                             "hoặc 'random'")
        return None
    line = fields.mapping.line
    if has_slug:
        fields.only(("slug", "points"))
        points = fields.number("points", None)
        if points is not None and points <= 0:
            fields.error("points", "'points' phải lớn hơn 0")
        return QuestionRef(fields.slug("slug"), points, line)
    fields.only(("random", "count"))
    return RandomRef(fields.text("random", required=True),
                     fields.integer("count", 1, minimum=1), line)


def check_quiz_against_bank(spec: QuizSpec, bank_by_category: Mapping[str, Sequence[str]],
                            *, path: str = "") -> tuple[FileError, ...]:
    """Check that fixed questions exist and every category has enough left to draw from."""
    sink = ErrorSink(path)
    known = {slug for slugs in bank_by_category.values() for slug in slugs}
    used = {ref.slug for ref in spec.questions if isinstance(ref, QuestionRef)}
    for ref in spec.questions:
        if isinstance(ref, QuestionRef) and ref.slug not in known:
            sink.add(ref.line, f"{WHERE}: câu hỏi '{ref.slug}' không có trong ngân hàng câu hỏi")
        elif isinstance(ref, RandomRef):
            if ref.category not in bank_by_category:
                sink.add(ref.line, f"{WHERE}: không có danh mục câu hỏi '{ref.category}'")
                continue
            left = [slug for slug in bank_by_category[ref.category] if slug not in used]
            if len(left) < ref.count:
                sink.add(ref.line, f"{WHERE}: danh mục '{ref.category}' chỉ còn {len(left)} "
                                   f"câu để rút ngẫu nhiên, cần {ref.count}")
            used.update(left[:ref.count])
    return sink.errors


def dump_quiz(spec: QuizSpec) -> str:
    """Write a quiz as YAML that parse_quiz_file reads back equal, every setting spelled out."""
    data = {"slug": spec.slug, "title": spec.title, "module": spec.module}
    if spec.intro:
        data["intro"] = spec.intro
    data.update(
        time_limit_minutes=spec.time_limit_minutes,
        opens_at=spec.opens_at.isoformat() if spec.opens_at else None,
        closes_at=spec.closes_at.isoformat() if spec.closes_at else None,
        attempts_allowed=spec.attempts_allowed, grading_method=spec.grading_method,
        pass_mark=spec.pass_mark, shuffle_questions=spec.shuffle_questions,
        shuffle_options=spec.shuffle_options, overdue_policy=spec.overdue_policy,
        review={moment: FlowList(getattr(spec.review, moment)) for moment in REVIEW_MOMENTS},
        questions=[_ref_data(ref) for ref in spec.questions])
    return dump_yaml(data)


def _ref_data(ref: QuestionRef | RandomRef) -> dict:
    """Return one question reference as plain data."""
    if isinstance(ref, RandomRef):
        return {"random": ref.category, "count": ref.count}
    return {"slug": ref.slug} if ref.points is None else {"slug": ref.slug, "points": ref.points}
