"""Citations rendered by the Markdown extension, checked through the real sanitizer."""
from datetime import date

import pytest

from courses.citation_markdown import ArticleLink, CitationExtension, make_resolver
from courses.citations import CitationRef
from courses.contentfiles.laws import ArticleSpec, LawSpec
from lms.markup import render_markdown

_LINKS = {
    ("BLLĐ-2019", "97"): ArticleLink("/luat/BLLĐ-2019/97", "Trả lương đúng kỳ.", False,
                                     "BLLĐ 2019"),
    ("LCĐ-2012", "10"): ArticleLink("/luat/LCĐ-2012/10", "Quy định cũ.", True,
                                    "Luật Công đoàn 2012"),
    ("BLLĐ-2019", "1"): ArticleLink("/luat/BLLĐ-2019/1",
                                    'Nói "xin chào" <script>alert(1)</script> & hết', False,
                                    "BLLĐ 2019"),
}


def _render(text: str) -> str:
    return str(render_markdown(text, extensions=[CitationExtension(
        lambda ref: _LINKS.get(ref.article_key))]))


@pytest.mark.parametrize("text, html", [
    ("Xem [[BLLĐ-2019:97.4]].",
     '<p>Xem <a class="cite" data-cite="BLLĐ-2019:97.4" href="/luat/BLLĐ-2019/97" '
     'title="Trả lương đúng kỳ.">khoản 4 Điều 97 BLLĐ 2019</a>.</p>'),
    ("[[BLLĐ-2019:97]]",
     '<p><a class="cite" data-cite="BLLĐ-2019:97" href="/luat/BLLĐ-2019/97" '
     'title="Trả lương đúng kỳ.">Điều 97 BLLĐ 2019</a></p>'),
    ("[[LCĐ-2012:10.1.a]]",
     '<p><a class="cite cite-replaced" data-cite="LCĐ-2012:10.1.a" href="/luat/LCĐ-2012/10" '
     'title="Quy định cũ.">điểm a khoản 1 Điều 10 Luật Công đoàn 2012</a></p>'),
    ("Điều lạ [[BLLĐ-2019:999]].",
     '<p>Điều lạ <span class="cite-label">BLLĐ-2019:999</span>.</p>'),
    ("Sai [[không phải]].", "<p>Sai [[không phải]].</p>"),
])
def test_citations_survive_the_sanitizer(text, html):
    assert _render(text) == html


def test_summary_with_quotes_and_script_is_escaped_in_the_title():
    html = _render("[[BLLĐ-2019:1]]")
    assert "<script" not in html
    assert 'title="Nói &quot;xin chào&quot; &lt;script&gt;alert(1)&lt;/script&gt; &amp; hết"' \
        in html


@pytest.mark.parametrize("text", [
    "Mã `[[BLLĐ-2019:97]]` nguyên văn.",
    "```\n[[BLLĐ-2019:97]]\n```",
    "    [[BLLĐ-2019:97]]",
    "Thoát \\[[BLLĐ-2019:97]] nguyên văn.",
])
def test_citations_in_code_or_escaped_are_not_converted(text):
    html = _render(text)
    assert "[[BLLĐ-2019:97]]" in html
    assert "cite" not in html


def test_citation_inside_emphasis_and_table_cells():
    html = _render("**Xem [[BLLĐ-2019:97]]**\n\n| a |\n|---|\n| [[BLLĐ-2019:97.1]] |\n")
    assert html.count('<a class="cite"') == 2
    assert "<strong>Xem <a class" in html


def test_author_written_cite_class_is_not_trusted_on_other_tags():
    html = _render('<a class="cite" href="javascript:alert(1)">x</a> <div class="cite">y</div>')
    assert "javascript" not in html
    assert "<div" not in html


def test_make_resolver_uses_the_registry_and_today():
    law = LawSpec("LCĐ-2012", "12/2012/QH13", "Luật Công đoàn 2012", "Luật Công đoàn 2012",
                  "law", None, date(2013, 1, 1), date(2025, 6, 30), "LCĐ-2024", None,
                  (ArticleSpec("10", "Đại diện", "Tóm tắt."),))
    resolve = make_resolver([law], lambda code, number: f"/luat/{code}/{number}",
                            today=date(2025, 6, 30))
    assert resolve(CitationRef("LCĐ-2012", "10", "1")) == ArticleLink(
        "/luat/LCĐ-2012/10", "Tóm tắt.", False, "Luật Công đoàn 2012")
    later = make_resolver([law], lambda c, n: "/x", today=date(2025, 7, 1))
    assert later(CitationRef("LCĐ-2012", "10")).is_replaced is True
    assert later(CitationRef("LCĐ-2012", "11")) is None
    assert later(CitationRef("LCĐ-2099", "10")) is None
