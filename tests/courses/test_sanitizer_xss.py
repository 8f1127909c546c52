"""XSS attempts in lecturer Markdown must come out inert, with CSP switched off.

Every attempt is rendered through the lesson pipeline (lms.markup + CitationExtension) and
then through a real lesson page; the HTML itself is checked, not the browser's CSP.
"""
import re
from datetime import date
from html.parser import HTMLParser

import pytest
import sqlalchemy as sa

from courses.lesson_authoring import LessonData, save_lesson
from courses.models import Lesson
from courses.registry import render_with_citations, stored_registry
from lms.extensions import db
from lms.markup import ALLOWED_TAGS
from tests import factories

ATTACKS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x]( javascript:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](java&#x09;script:alert(1))",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "![x](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="/ok" onclick="alert(1)">x</a>',
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '![x](data:image/svg+xml,<svg onload=alert(1)>)',
    "<svg onload=alert(1)>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<iframe src="https://evil.example"></iframe>',
    "<style>body{display:none}</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<textarea><script>alert(1)</script></textarea>",
    '<object data="x.swf"></object><embed src="x.swf">',
    '<form action="https://evil.example"><button>Gửi</button></form>',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<<script>script>alert(1)<</script>/script>",
    "<!--<script>alert(1)//-->",
    "<details open ontoggle=alert(1)>x</details>",
    '[x](https://example.com "t\\" onmouseover=\\"alert(1)")',
    '[x](https://example.com/"onmouseover="alert(1))',
    'Đoạn văn {: onclick="alert(1)" }',
    "[[<script>alert(1)</script>:1]]",
    '[[BLLĐ-2019:97]]<img src=x onerror="alert(1)">',
    "`<script>alert(1)</script>`",
    "```html\n<script>alert(1)</script>\n```",
    '- [ ] <span onmouseover="alert(1)">việc</span>',
    '<input type="text" autofocus onfocus="alert(1)">',
    '<p class="cite" id="x" data-x="1">lớp lạ</p>',
    '<a class="btn btn-danger" href="/x">nút giả</a>',
]
_SAFE_SCHEMES = {"http", "https", "mailto"}


class _Collector(HTMLParser):
    """Collect every tag and attribute of an HTML fragment."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _scheme(url: str) -> str | None:
    """Return the scheme a browser would see in ``url`` (None for relative URLs)."""
    cleaned = re.sub(r"[\x00-\x20]", "", url).lower()
    match = re.match(r"^([a-z][a-z0-9+.-]*):", cleaned)
    return match.group(1) if match else None


def assert_inert(html: str) -> None:
    """Fail if the HTML could run script or carries anything outside the allow-lists."""
    collector = _Collector()
    collector.feed(html)
    for tag, attrs in collector.tags:
        assert tag in ALLOWED_TAGS, (tag, html)
        for name, value in attrs.items():
            assert not name.startswith("on") and name not in ("style", "id", "srcdoc"), (name, html)
            if name in ("href", "src"):
                assert _scheme(value or "") in (None, *_SAFE_SCHEMES), (value, html)
            if name == "class":
                assert set((value or "").split()) <= {"cite", "cite-replaced", "task",
                                                      "cite-label"} or tag == "code", html
        if tag == "input":
            assert attrs.get("type") == "checkbox" or "type" not in attrs
    assert "<script" not in html.lower()


@pytest.fixture
def registry(app):
    factories.gen_sample_content()
    return stored_registry()


@pytest.mark.parametrize("attack", ATTACKS)
def test_each_attack_renders_inert(registry, attack):
    html = str(render_with_citations(attack, registry, today=date.today()))
    assert_inert(html)


def test_javascript_links_lose_their_href(registry):
    html = str(render_with_citations("[bấm](javascript:alert(1))", registry, today=date.today()))
    assert html == "<p><a>bấm</a></p>"


def test_a_lesson_page_full_of_attacks_is_inert_without_csp(app, client, auth, registry):
    lecturer = factories.gen_user(role="lecturer")
    course = factories.gen_course(lecturers=[lecturer])
    lesson = db.session.scalar(sa.select(Lesson).where(Lesson.course_id == course.id))
    save_lesson(lesson, LessonData(title="Thử <script>alert(1)</script>", summary="S",
                                   minutes=5, body_md="\n\n".join(
                                       a for a in ATTACKS if not a.startswith("[[<")),
                                   law_change_note="<img src=x onerror=alert(1)>"),
                actor=lecturer)
    auth.login(lecturer.email)
    response = client.get(f"/courses/{course.slug}/lessons/{lesson.slug}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    start = page.index('<div class="lesson-body">')
    body = page[start:page.index('<div class="lesson-actions', start)]
    assert_inert(body.replace('<div class="lesson-body">', "", 1).rsplit("</div>", 1)[0])
    collector = _Collector()
    collector.feed(page)
    for tag, attrs in collector.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        if tag == "script":
            assert attrs.get("src", "").startswith("/static/"), attrs
    assert "Thử &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
