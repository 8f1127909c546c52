"""The legal registry: one YAML file per legal instrument (content-format §1)."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from courses.citations import is_article_number, is_law_code, parse_citation_ref
from courses.contentfiles.errors import ContentError
from courses.contentfiles.fields import (
    Fields, load_mapping, mapping_items, no_lines, value_first_line,
)
from courses.contentfiles.yamldump import dump_yaml

LAW_KINDS = ("law", "code", "decree", "decision", "resolution")
_LAW_KEYS = ("code", "number", "title", "short_title", "kind", "issued_on", "effective_from",
             "effective_to", "replaced_by", "note", "articles")
_ARTICLE_KEYS = ("number", "title", "summary", "replaced_by", "effective_to")


@dataclass(frozen=True)
class ArticleSpec:
    """One article of a legal instrument, summarised in our own words."""

    number: str
    title: str
    summary: str
    replaced_by: str | None = None  # "CODE:NUMBER" of the successor article
    effective_to: date | None = None
    line: int = field(default=0, compare=False)
    key_lines: Mapping[str, int] = field(default_factory=no_lines, compare=False)

    def line_of(self, key: str) -> int:
        """Return the line where ``key`` was written, or the article's first line."""
        return self.key_lines.get(key, self.line)


@dataclass(frozen=True)
class LawSpec:
    """One legal instrument of the registry and its articles."""

    code: str
    number: str
    title: str
    short_title: str
    kind: str
    issued_on: date | None
    effective_from: date | None
    effective_to: date | None
    replaced_by: str | None
    note: str | None
    articles: tuple[ArticleSpec, ...]
    line: int = field(default=1, compare=False)
    note_line: int = field(default=0, compare=False)  # where the note's text starts
    key_lines: Mapping[str, int] = field(default_factory=no_lines, compare=False)

    def line_of(self, key: str) -> int:
        """Return the line where ``key`` was written, or the file's first line."""
        return self.key_lines.get(key, self.line)


@dataclass(frozen=True)
class LawRegistry:
    """Look laws and articles up by code and number."""

    laws: Mapping[str, LawSpec]
    articles: Mapping[tuple[str, str], ArticleSpec]

    @classmethod
    def from_laws(cls, laws: Iterable[LawSpec]) -> LawRegistry:
        """Index ``laws``; on a duplicate code the first law wins."""
        by_code: dict[str, LawSpec] = {}
        for law in laws:
            by_code.setdefault(law.code, law)
        articles = {(law.code, a.number): a for law in by_code.values() for a in law.articles}
        return cls(MappingProxyType(by_code), MappingProxyType(articles))

    def law(self, code: str) -> LawSpec | None:
        """Return the law with ``code``, or None."""
        return self.laws.get(code)

    def article(self, code: str, number: str) -> ArticleSpec | None:
        """Return article ``number`` of law ``code``, or None."""
        return self.articles.get((code, number))


def is_article_replaced(law: LawSpec, article: ArticleSpec, today: date) -> bool:
    """Tell whether the article or its whole law stopped being in force before ``today``.

    The one rule for "replaced": specs and stored rows (same attribute names) both use it.
    """
    ends = (article.effective_to, law.effective_to)
    return any(end is not None and end < today for end in ends)


def successor(law: LawSpec, article: ArticleSpec) -> str | None:
    """Return where readers should look now: the article's or else the law's ``replaced_by``."""
    return article.replaced_by or law.replaced_by


def parse_law(text: str, path: str) -> tuple[LawSpec | None, tuple[ContentError, ...]]:
    """Parse one ``laws/*.yaml`` file; a spec may come with errors, import only error-free."""
    errors: list[ContentError] = []
    data = load_mapping(text, path, errors, what="Văn bản luật")
    if data is None:
        return None, tuple(errors)
    fields = Fields(data, path, errors)
    fields.check_keys(_LAW_KEYS)
    code = fields.text("code")
    if code and not is_law_code(code):
        fields.error("code", f"mã văn bản '{code}' không hợp lệ: chỉ dùng chữ in hoa, "
                             "chữ số và dấu gạch ngang")
    law = LawSpec(
        code=code,
        number=fields.text("number"),
        title=fields.text("title"),
        short_title=fields.text("short_title"),
        kind=fields.choice("kind", LAW_KINDS),
        issued_on=fields.day("issued_on", required=False),
        effective_from=fields.day("effective_from", required=True),
        effective_to=fields.day("effective_to", required=False),
        replaced_by=_law_code_field(fields, "replaced_by"),
        note=fields.optional_text("note"),
        articles=_parse_articles(fields, path, errors),
        line=data.line,
        note_line=value_first_line(text, data.line_of("note")) if "note" in data else 0,
        key_lines=MappingProxyType(dict(data.key_lines)),
    )
    _check_period(fields, law.effective_from, law.effective_to)
    return law, tuple(errors)


def _law_code_field(fields: Fields, key: str) -> str | None:
    """Read an optional law code such as the law's ``replaced_by``."""
    value = fields.optional_text(key)
    if value and not is_law_code(value):
        fields.error(key, f"'{key}' phải là mã một văn bản, ví dụ LCĐ-2024")
    return value


def _check_period(fields: Fields, start: date | None, end: date | None) -> None:
    """Report an end of validity before its start."""
    if start and end and end < start:
        fields.error("effective_to", "'effective_to' không được trước 'effective_from'")


def _parse_articles(fields: Fields, path: str, errors: list[ContentError]):
    """Parse the article list, reporting duplicate numbers at the repeated article."""
    articles: list[ArticleSpec] = []
    seen: dict[str, int] = {}
    for item in mapping_items(fields.items("articles", required=False), path, errors, "điều"):
        article = _parse_article(item, path, errors)
        if article.number in seen:
            errors.append(ContentError(path, item.line_of("number"),
                                       f"Điều {article.number} bị trùng (đã có ở dòng "
                                       f"{seen[article.number]})"))
            continue
        if article.number:
            seen[article.number] = item.line_of("number")
        articles.append(article)
    return tuple(articles)


def _parse_article(item, path: str, errors: list[ContentError]) -> ArticleSpec:
    """Parse one article mapping."""
    number = Fields(item, path, errors).text("number")
    fields = Fields(item, path, errors, where=f"Điều {number or '?'}: ")
    fields.check_keys(_ARTICLE_KEYS)
    if number and not is_article_number(number):
        fields.error("number", f"số điều '{number}' không hợp lệ (ví dụ: 97 hoặc 4a)")
    replaced_by = fields.optional_text("replaced_by")
    ref = parse_citation_ref(replaced_by) if replaced_by else None
    if replaced_by and (ref is None or ref.clause):
        fields.error("replaced_by", "'replaced_by' phải có dạng MÃ:SỐ ĐIỀU, ví dụ LCĐ-2024:10")
    return ArticleSpec(
        number=number,
        title=fields.text("title"),
        summary=fields.text("summary"),
        replaced_by=replaced_by,
        effective_to=fields.day("effective_to", required=False),
        line=item.line,
        key_lines=MappingProxyType(dict(item.key_lines)),
    )


def dump_law(law: LawSpec) -> str:
    """Return the YAML text of one law file."""
    data = {
        "code": law.code, "number": law.number, "title": law.title,
        "short_title": law.short_title, "kind": law.kind,
    }
    if law.issued_on:
        data["issued_on"] = law.issued_on
    data |= {"effective_from": law.effective_from, "effective_to": law.effective_to,
             "replaced_by": law.replaced_by}
    if law.note:
        data["note"] = law.note
    data["articles"] = [_article_data(a) for a in law.articles]
    return dump_yaml(data)


def _article_data(article: ArticleSpec) -> dict:
    """Return one article as a mapping, leaving out empty optional fields."""
    data = {"number": article.number, "title": article.title, "summary": article.summary}
    if article.replaced_by:
        data["replaced_by"] = article.replaced_by
    if article.effective_to:
        data["effective_to"] = article.effective_to
    return data
