"""Read a whole ``content/`` folder into specs, with every error located by file and line.

This and ``writer.py`` are the only modules of the package that touch the file system.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from types import MappingProxyType

from courses.citations import FoundCitation, normalize
from courses.contentfiles.checks import (
    check_citations, check_course_links, check_laws, replaced_citations,
)
from courses.contentfiles.course import CourseSpec, parse_course
from courses.contentfiles.errors import ContentError
from courses.contentfiles.fields import is_slug, slug_message
from courses.contentfiles.laws import LawRegistry, LawSpec, parse_law
from courses.contentfiles.lesson import HANDBOOK_SLUG, LessonSpec, parse_lesson

__all__ = ["PART_KINDS", "SourceFile", "CourseFolder", "ContentTree", "read_content",
           "check_citations", "lessons_citing_replaced_law_without_note"]

PART_KINDS = ("questions", "quizzes", "scenarios")


@dataclass(frozen=True)
class SourceFile:
    """The raw text of a file another package parses; ``path`` is relative to the root."""

    path: str
    text: str


def _no_parts() -> Mapping[str, tuple[SourceFile, ...]]:
    return MappingProxyType({kind: () for kind in PART_KINDS})


@dataclass(frozen=True)
class CourseFolder:
    """One ``courses/<slug>/`` folder: the course, its lessons in teaching order, raw parts."""

    path: str  # relative to the content root, e.g. "courses/bo-luat-lao-dong-2019"
    spec: CourseSpec
    lessons: tuple[LessonSpec, ...]
    handbook: LessonSpec | None = None
    part_files: Mapping[str, tuple[SourceFile, ...]] = field(default_factory=_no_parts)

    @property
    def course_file_path(self) -> str:
        """Return the path of ``course.yaml``."""
        return f"{self.path}/course.yaml"

    @property
    def handbook_path(self) -> str:
        """Return the path of ``handbook.md``."""
        return f"{self.path}/handbook.md"

    def lesson_path(self, slug: str) -> str:
        """Return the path of lesson ``slug``'s file."""
        return f"{self.path}/lessons/{slug}.md"


@dataclass(frozen=True)
class ContentTree:
    """Everything read from a content folder; import it only when ``errors`` is empty."""

    laws: tuple[LawSpec, ...]
    courses: tuple[CourseFolder, ...]
    errors: tuple[ContentError, ...]
    known_laws: tuple[LawSpec, ...] = ()  # from the database; the folder's laws override them
    law_paths: tuple[str, ...] = ()  # the file of each of ``laws``, in the same order

    def registry(self) -> LawRegistry:
        """Return the legal registry: the folder's laws, then the known laws they leave out."""
        return LawRegistry.from_laws([*self.laws, *self.known_laws])


def read_content(root: Path, *, known_laws: Iterable[LawSpec] = (),
                 known_courses: Mapping[str, tuple[str, ...]] | None = None) -> ContentTree:
    """Read ``root/laws/*.yaml`` and ``root/courses/*/``, checking files and their links.

    ``known_laws`` (laws already in the database) resolve citations and successors that the
    folder's own laws do not define; the folder's laws win on a shared code.
    ``known_courses`` maps slugs of courses already in the database to their prerequisites,
    so a folder may hold one course whose prerequisites are imported already.
    """
    root = Path(root)
    if not root.is_dir():
        return ContentTree((), (), (ContentError(str(root), 0, "không có thư mục nội dung"),))
    errors: list[ContentError] = []
    _report_yml(root, root / "laws", errors)
    laws = [pair for file in _files(root / "laws", ".yaml")
            if (pair := _read_law(root, file, errors)) is not None]
    known_laws = tuple(known_laws)
    errors += check_laws(laws, known=known_laws)
    registry = LawRegistry.from_laws([*(law for _, law in laws), *known_laws])
    courses = [folder for folder_dir in _subfolders(root / "courses")
               if (folder := _read_course_folder(root, folder_dir, registry, errors))]
    errors += check_course_links([(folder.course_file_path, folder.spec) for folder in courses],
                                 known=known_courses or {})
    tree = ContentTree(tuple(law for _, law in laws), tuple(courses), tuple(sorted(errors)))
    return replace(tree, known_laws=known_laws, law_paths=tuple(path for path, _ in laws))


def lessons_citing_replaced_law_without_note(
    tree: ContentTree, today: date,
) -> list[tuple[str, tuple[FoundCitation, ...]]]:
    """List ``(lesson path, citations)`` for lessons citing replaced articles with no note."""
    registry = tree.registry()
    found = []
    for folder in tree.courses:
        for lesson in folder.lessons:
            if lesson.law_change_note:
                continue
            cited = replaced_citations(lesson.body, lesson.body_first_line, registry, today)
            if cited:
                found.append((folder.lesson_path(lesson.slug), cited))
    return found


def _read_law(root: Path, file: Path, errors: list[ContentError]):
    """Parse one law file into ``(path, spec)``, or None when it cannot be read."""
    path = _relative(root, file)
    text = _read_text(root, file, errors)
    if text is None:
        return None
    law, law_errors = parse_law(text, path)
    errors += law_errors
    return (path, law) if law is not None else None


def _read_course_folder(root: Path, folder_dir: Path, registry: LawRegistry,
                        errors: list[ContentError]) -> CourseFolder | None:
    """Read one course folder; None when its ``course.yaml`` is missing or unreadable."""
    base = _relative(root, folder_dir)
    spec = _read_course_spec(root, folder_dir, errors)
    lessons, present = _read_lessons(root, folder_dir, registry, errors)
    handbook = _read_handbook(root, folder_dir, registry, errors)
    parts = MappingProxyType({kind: _read_parts(root, folder_dir / kind, errors)
                              for kind in PART_KINDS})
    if spec is None:
        return None
    folder = CourseFolder(base, spec, (), handbook, parts)
    ordered = _order_lessons(folder, lessons, present, errors)
    return CourseFolder(base, spec, ordered, handbook, parts)


def _read_course_spec(root: Path, folder_dir: Path,
                      errors: list[ContentError]) -> CourseSpec | None:
    """Parse ``course.yaml`` and check that its slug names the folder."""
    file = folder_dir / "course.yaml"
    path = _relative(root, file)
    if not file.is_file():
        errors.append(ContentError(path, 0, "thiếu tệp course.yaml"))
        return None
    text = _read_text(root, file, errors)
    if text is None:
        return None
    spec, spec_errors = parse_course(text, path)
    errors += spec_errors
    if spec is not None and spec.slug and spec.slug != folder_dir.name:
        errors.append(ContentError(path, spec.line_of("slug"), f"slug '{spec.slug}' phải trùng "
                                                               f"tên thư mục '{folder_dir.name}'"))
    return spec


def _read_lessons(root: Path, folder_dir: Path, registry: LawRegistry,
                  errors: list[ContentError]) -> tuple[dict[str, LessonSpec], set[str]]:
    """Parse ``lessons/*.md``; return the parsed lessons and the slugs of all lesson files."""
    lessons: dict[str, LessonSpec] = {}
    present: set[str] = set()
    for file in _files(folder_dir / "lessons", ".md"):
        path = _relative(root, file)
        if not is_slug(file.stem):
            errors.append(ContentError(path, 1, "tên tệp bài học: " + slug_message(file.stem)))
            continue
        present.add(file.stem)
        lesson = _read_markdown(root, file, registry, errors, slug=file.stem)
        if lesson is not None:
            lessons[lesson.slug] = lesson
    return lessons, present


def _read_handbook(root: Path, folder_dir: Path, registry: LawRegistry,
                   errors: list[ContentError]) -> LessonSpec | None:
    """Parse the optional ``handbook.md``."""
    file = folder_dir / "handbook.md"
    if not file.is_file():
        return None
    return _read_markdown(root, file, registry, errors, slug=HANDBOOK_SLUG, is_handbook=True)


def _read_markdown(root: Path, file: Path, registry: LawRegistry, errors: list[ContentError],
                   *, slug: str, is_handbook: bool = False) -> LessonSpec | None:
    """Parse a lesson or handbook file and check the citations in its body and note."""
    path = _relative(root, file)
    text = _read_text(root, file, errors)
    if text is None:
        return None
    lesson, lesson_errors = parse_lesson(text, path, slug=slug, is_handbook=is_handbook)
    errors += lesson_errors
    if lesson is None:
        return None
    errors += check_citations(lesson.body, path, lesson.body_first_line, registry)
    if lesson.law_change_note:
        errors += check_citations(lesson.law_change_note, path, lesson.note_line, registry)
    return lesson


def _order_lessons(folder: CourseFolder, lessons: dict[str, LessonSpec], present: set[str],
                   errors: list[ContentError]) -> tuple[LessonSpec, ...]:
    """Return the listed lessons in teaching order; report missing and unlisted files."""
    listed = folder.spec.lesson_slugs
    for module in folder.spec.modules:
        for slug, line in zip(module.lessons, module.lesson_lines):
            if slug not in present:
                errors.append(ContentError(folder.course_file_path, line,
                                           f"bài học '{slug}' không có tệp lessons/{slug}.md"))
    for slug in sorted(present - set(listed)):
        errors.append(ContentError(folder.lesson_path(slug), 1,
                                   "bài học không được liệt kê trong chương nào của course.yaml"))
    return tuple(lessons[slug] for slug in dict.fromkeys(listed) if slug in lessons)


def _read_parts(root: Path, part_dir: Path, errors: list[ContentError]):
    """Return the raw ``*.yaml`` files of a questions/quizzes/scenarios folder."""
    _report_yml(root, part_dir, errors)
    parts = []
    for file in _files(part_dir, ".yaml"):
        text = _read_text(root, file, errors)
        if text is not None:
            parts.append(SourceFile(_relative(root, file), text))
    return tuple(parts)


def _report_yml(root: Path, folder: Path, errors: list[ContentError]) -> None:
    """Report ``*.yml`` files, which would otherwise be skipped without a word."""
    for file in _files(folder, ".yml"):
        errors.append(ContentError(_relative(root, file), 0, "hãy dùng đuôi .yaml thay cho .yml"))


def _read_text(root: Path, file: Path, errors: list[ContentError]) -> str | None:
    """Read a UTF-8 file as NFC text with ``\\n`` newlines; report bytes that are not UTF-8."""
    data = file.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        errors.append(ContentError(_relative(root, file), line, "tệp không phải mã UTF-8"))
        return None
    return normalize(text.removeprefix("\ufeff").replace("\r\n", "\n"))


def _files(folder: Path, suffix: str) -> list[Path]:
    """Return the visible files of ``folder`` ending in ``suffix``, sorted by name."""
    if not folder.is_dir():
        return []
    return sorted(f for f in folder.iterdir()
                  if f.is_file() and f.suffix == suffix and not f.name.startswith("."))


def _subfolders(folder: Path) -> list[Path]:
    """Return the visible sub-folders of ``folder``, sorted by name."""
    if not folder.is_dir():
        return []
    return sorted(d for d in folder.iterdir() if d.is_dir() and not d.name.startswith("."))


def _relative(root: Path, file: Path) -> str:
    """Return ``file``'s path relative to the content root, with forward slashes."""
    return file.relative_to(root).as_posix()
