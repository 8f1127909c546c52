"""A course's ``course.yaml``: metadata, audience and the ordered modules (content-format §3)."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from courses.contentfiles.errors import ContentError
from courses.contentfiles.fields import Fields, load_mapping, mapping_items, no_lines
from courses.contentfiles.yamldump import Flow, dump_yaml

TOPICS = ("labour-code", "trade-union-law", "dispute-resolution", "workplace-dialogue",
          "union-finance", "social-insurance", "other")
STATUSES = ("draft", "published", "archived")
ENROLMENTS = ("open", "managed")
CADRE_TYPE_LABELS = MappingProxyType({
    "chuyen_trach": "Cán bộ công đoàn chuyên trách",
    "khong_chuyen_trach": "Cán bộ công đoàn không chuyên trách (kiêm nhiệm)",
})
POSITION_LABELS = MappingProxyType({
    "chu_tich": "Chủ tịch CĐCS",
    "pho_chu_tich": "Phó Chủ tịch CĐCS",
    "uy_vien_bch": "Ủy viên Ban Chấp hành",
    "to_truong": "Tổ trưởng công đoàn",
    "can_bo_chuyen_trach": "Cán bộ chuyên trách công đoàn cấp trên",
    "doan_vien": "Đoàn viên",
})
CADRE_TYPES = tuple(CADRE_TYPE_LABELS)
POSITIONS = tuple(POSITION_LABELS)
_COURSE_KEYS = ("slug", "title", "summary", "topic", "audience", "status", "enrolment",
                "sequential", "prerequisites", "modules")
_AUDIENCE_KEYS = ("cadre_types", "positions")
_MODULE_KEYS = ("slug", "title", "summary", "lessons")


@dataclass(frozen=True)
class AudienceSpec:
    """Who a course is for; an empty tuple means everyone."""

    cadre_types: tuple[str, ...] = ()
    positions: tuple[str, ...] = ()


@dataclass(frozen=True)
class ModuleSpec:
    """One module: its lessons' slugs in teaching order."""

    slug: str
    title: str
    summary: str
    lessons: tuple[str, ...]
    line: int = field(default=0, compare=False)
    lesson_lines: tuple[int, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class CourseSpec:
    """The content of one ``course.yaml``."""

    slug: str
    title: str
    summary: str
    topic: str
    audience: AudienceSpec
    status: str
    enrolment: str
    sequential: bool
    prerequisites: tuple[str, ...]
    modules: tuple[ModuleSpec, ...]
    line: int = field(default=1, compare=False)
    prerequisite_lines: tuple[int, ...] = field(default=(), compare=False)
    key_lines: Mapping[str, int] = field(default_factory=no_lines, compare=False)

    def line_of(self, key: str) -> int:
        """Return the line where ``key`` was written, or the file's first line."""
        return self.key_lines.get(key, self.line)

    @property
    def lesson_slugs(self) -> tuple[str, ...]:
        """Return every listed lesson slug in teaching order."""
        return tuple(slug for module in self.modules for slug in module.lessons)


def parse_course(text: str, path: str) -> tuple[CourseSpec | None, tuple[ContentError, ...]]:
    """Parse ``course.yaml``; a spec may come with errors, import only error-free."""
    errors: list[ContentError] = []
    data = load_mapping(text, path, errors, what="Khóa học")
    if data is None:
        return None, tuple(errors)
    fields = Fields(data, path, errors)
    fields.check_keys(_COURSE_KEYS)
    prerequisites = fields.slugs("prerequisites")
    course = CourseSpec(
        slug=fields.slug("slug"),
        title=fields.text("title"),
        summary=fields.text("summary"),
        topic=fields.choice("topic", TOPICS),
        audience=_parse_audience(fields, path, errors),
        status=fields.choice("status", STATUSES),
        enrolment=fields.choice("enrolment", ENROLMENTS),
        sequential=fields.boolean("sequential", default=False),
        prerequisites=tuple(slug for slug, _ in prerequisites),
        modules=_parse_modules(fields, path, errors),
        line=data.line,
        prerequisite_lines=tuple(line for _, line in prerequisites),
        key_lines=MappingProxyType(dict(data.key_lines)),
    )
    if course.slug and course.slug in course.prerequisites:
        fields.error("prerequisites", "khóa học không thể là điều kiện tiên quyết của chính nó")
    return course, tuple(errors)


def _parse_audience(fields: Fields, path: str, errors: list[ContentError]) -> AudienceSpec:
    """Parse the optional audience and check both lists against their enumerations."""
    data = fields.mapping("audience")
    if data is None:
        return AudienceSpec()
    audience = Fields(data, path, errors, where="Đối tượng: ")
    audience.check_keys(_AUDIENCE_KEYS)
    return AudienceSpec(
        cadre_types=_enumerated(audience, "cadre_types", CADRE_TYPES),
        positions=_enumerated(audience, "positions", POSITIONS),
    )


def _enumerated(fields: Fields, key: str, choices: tuple[str, ...]) -> tuple[str, ...]:
    """Read a list whose items must each be one of ``choices``, without repeats."""
    values = fields.items(key, required=False)
    kept: list[str] = []
    for index, value in enumerate(values):
        if value not in choices:
            fields.errors.append(ContentError(
                fields.path, values.line_of(index),
                f"{fields.where}'{value}' không có trong {key}: {', '.join(choices)}"))
        elif value not in kept:
            kept.append(value)
    return tuple(kept)


def _parse_modules(fields: Fields, path: str, errors: list[ContentError]):
    """Parse the modules; a module or lesson slug may appear only once in the course."""
    modules: list[ModuleSpec] = []
    module_lines: dict[str, int] = {}
    lesson_lines: dict[str, int] = {}
    for item in mapping_items(fields.items("modules", required=True), path, errors, "chương"):
        module = _parse_module(item, path, errors)
        _report_repeat(errors, path, "Chương", module.slug, item.line_of("slug"), module_lines)
        for slug, line in zip(module.lessons, module.lesson_lines):
            _report_repeat(errors, path, "Bài học", slug, line, lesson_lines)
        modules.append(module)
    if not modules and "modules" in fields.data:
        fields.error("modules", "khóa học phải có ít nhất một chương")
    return tuple(modules)


def _report_repeat(errors, path: str, what: str, slug: str, line: int, seen: dict) -> None:
    """Record a slug's first line, or report it as a repeat of that line."""
    if not slug:
        return
    if slug in seen:
        errors.append(ContentError(path, line, f"{what} '{slug}' bị trùng (đã có ở dòng "
                                               f"{seen[slug]})"))
    else:
        seen[slug] = line


def _parse_module(item, path: str, errors: list[ContentError]) -> ModuleSpec:
    """Parse one module mapping."""
    slug = Fields(item, path, errors).slug("slug")
    fields = Fields(item, path, errors, where=f"Chương '{slug or '?'}': ")
    fields.check_keys(_MODULE_KEYS)
    lessons = fields.slugs("lessons")
    return ModuleSpec(
        slug=slug,
        title=fields.text("title"),
        summary=fields.text("summary", required=False),
        lessons=tuple(slug for slug, _ in lessons),
        line=item.line,
        lesson_lines=tuple(line for _, line in lessons),
    )


def dump_course(course: CourseSpec) -> str:
    """Return the YAML text of ``course.yaml``."""
    data: dict = {"slug": course.slug, "title": course.title, "summary": course.summary,
                  "topic": course.topic}
    audience = {key: Flow(values) for key, values in (
        ("cadre_types", course.audience.cadre_types),
        ("positions", course.audience.positions)) if values}
    if audience:
        data["audience"] = audience
    data |= {"status": course.status, "enrolment": course.enrolment,
             "sequential": course.sequential, "prerequisites": Flow(course.prerequisites),
             "modules": [_module_data(module) for module in course.modules]}
    return dump_yaml(data)


def _module_data(module: ModuleSpec) -> dict:
    """Return one module as a mapping."""
    data = {"slug": module.slug, "title": module.title}
    if module.summary:
        data["summary"] = module.summary
    data["lessons"] = Flow(module.lessons)
    return data
