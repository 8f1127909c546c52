"""Checks that span several content files: citations, law links, course links. No I/O."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Protocol

from courses.citations import FoundCitation, find_citations, find_malformed, parse_citation_ref
from courses.contentfiles.course import CourseSpec
from courses.contentfiles.errors import ContentError
from courses.contentfiles.laws import LawRegistry, LawSpec, is_article_replaced


class CitationRegistry(Protocol):
    """Anything that can tell whether a law and one of its articles exist."""

    def law(self, code: str) -> object | None:
        """Return the law with ``code``, or None."""

    def article(self, code: str, number: str) -> object | None:
        """Return article ``number`` of law ``code``, or None."""


def check_citations(text: str, path: str, first_line: int,
                    registry: CitationRegistry) -> tuple[ContentError, ...]:
    """Report malformed citations and citations of unknown laws or articles in Markdown."""
    errors = [
        ContentError(path, bad.line, f"trích dẫn sai cú pháp [[{bad.raw}]]: cần dạng "
                                     "[[MÃ:ĐIỀU]], [[MÃ:ĐIỀU.KHOẢN]] hoặc [[MÃ:ĐIỀU.KHOẢN.ĐIỂM]]")
        for bad in find_malformed(text, first_line)
    ]
    for found in find_citations(text, first_line=first_line):
        message = _unknown_target(found, registry)
        if message:
            errors.append(ContentError(path, found.line, message))
    return tuple(errors)


def _unknown_target(found: FoundCitation, registry: CitationRegistry) -> str | None:
    """Word why a well-formed citation points nowhere, or return None when it resolves."""
    code, article = found.ref.article_key
    if registry.law(code) is None:
        return f"trích dẫn [[{found.raw}]]: không có văn bản '{code}' trong danh mục luật"
    if registry.article(code, article) is None:
        return f"trích dẫn [[{found.raw}]]: văn bản {code} không có Điều {article} trong danh mục"
    return None


def check_laws(laws: Sequence[tuple[str, LawSpec]],
               known: Sequence[LawSpec] = ()) -> tuple[ContentError, ...]:
    """Check ``(path, law)`` pairs together: unique codes, successors exist, note citations.

    Successors and citations may also point at ``known`` laws (already in the database).
    """
    errors: list[ContentError] = []
    first_path: dict[str, str] = {}
    for path, law in laws:
        if law.code in first_path:
            errors.append(ContentError(path, law.line_of("code"),
                                       f"mã văn bản '{law.code}' bị trùng với "
                                       f"{first_path[law.code]}"))
        elif law.code:
            first_path[law.code] = path
    registry = LawRegistry.from_laws([*(law for _, law in laws), *known])
    for path, law in laws:
        errors += _check_successors(path, law, registry)
        if law.note:
            errors += check_citations(law.note, path, law.note_line, registry)
    return tuple(errors)


def _check_successors(path: str, law: LawSpec, registry: LawRegistry) -> list[ContentError]:
    """Report ``replaced_by`` values of the law and its articles that point nowhere."""
    errors = []
    if law.replaced_by and registry.law(law.replaced_by) is None:
        errors.append(ContentError(path, law.line_of("replaced_by"),
                                   f"replaced_by: không có văn bản '{law.replaced_by}' "
                                   "trong danh mục luật"))
    for article in law.articles:
        ref = parse_citation_ref(article.replaced_by) if article.replaced_by else None
        if ref and registry.article(ref.code, ref.article) is None:
            errors.append(ContentError(path, article.line_of("replaced_by"),
                                       f"Điều {article.number}: replaced_by '{article.replaced_by}'"
                                       " không có trong danh mục luật"))
    return errors


def check_course_links(courses: Sequence[tuple[str, CourseSpec]],
                       known: Mapping[str, tuple[str, ...]] | None = None,
                       ) -> tuple[ContentError, ...]:
    """Check ``(course.yaml path, spec)`` pairs: unique slugs, known and acyclic prerequisites.

    ``known`` maps slugs of courses outside the folder (in the database) to their
    prerequisites; a prerequisite may name one of them, and cycles through them count.
    """
    known = known or {}
    errors: list[ContentError] = []
    by_slug: dict[str, str] = {}
    for path, course in courses:
        if course.slug in by_slug:
            errors.append(ContentError(path, course.line_of("slug"), f"slug khóa học '{course.slug}' bị trùng với "
                                                f"{by_slug[course.slug]}"))
        elif course.slug:
            by_slug[course.slug] = path
    for path, course in courses:
        for slug, line in zip(course.prerequisites, course.prerequisite_lines):
            if slug not in by_slug and slug not in known:
                errors.append(ContentError(path, line, f"điều kiện tiên quyết: không có khóa học "
                                                       f"'{slug}'"))
    errors += _check_prerequisite_cycles(courses, known)
    return tuple(errors)


def _check_prerequisite_cycles(courses: Sequence[tuple[str, CourseSpec]],
                               known: Mapping[str, tuple[str, ...]]) -> list[ContentError]:
    """Report each course that, through its prerequisites, requires itself."""
    needs = {slug: set(prerequisites) for slug, prerequisites in known.items()}
    needs |= {course.slug: set(course.prerequisites) for _, course in courses}
    errors = []
    for path, course in courses:
        seen: set[str] = set()
        stack = list(needs.get(course.slug, ()) - {course.slug})
        while stack:
            slug = stack.pop()
            if slug not in seen:
                seen.add(slug)
                stack.extend(needs.get(slug, ()))
        if course.slug in seen:
            errors.append(ContentError(path, course.prerequisite_lines[0] if
                                       course.prerequisite_lines else 1,
                                       "điều kiện tiên quyết tạo thành vòng lặp giữa các khóa học"))
    return errors


def replaced_citations(text: str, first_line: int, registry: LawRegistry,
                       today: date) -> tuple[FoundCitation, ...]:
    """Return the citations in ``text`` whose article or law is no longer in force."""
    found = []
    for citation in find_citations(text, first_line=first_line):
        law = registry.law(citation.ref.code)
        article = registry.article(*citation.ref.article_key)
        if law and article and is_article_replaced(law, article, today):
            found.append(citation)
    return tuple(found)
