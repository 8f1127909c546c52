"""Courses in a real Chromium: a trainee studies on a phone, a lecturer writes and restores."""
import re

import pytest

from tests.e2e.conftest import DESKTOP, PHONE, login, screenshot

pytestmark = pytest.mark.e2e


def _submit(page, selector: str) -> None:
    """Click a button that submits a form and wait for the next page."""
    with page.expect_navigation():
        page.click(selector)


def _no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"page scrolls sideways ({width}px)"


def _find_course_without_diacritics(page) -> None:
    """Search "luat cong doan" and open the Trade Union Law course from the results."""
    page.goto("/courses/")
    page.fill("input[name=q]", "luat cong doan")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/courses/?q=luat+cong+doan*")
    first = page.locator("[data-testid=course-card]").first
    assert first.locator("h2").inner_text() == "Luật Công đoàn cho cán bộ công đoàn"
    screenshot(page, "courses-search-phone")
    first.locator("h2 a").click()
    page.wait_for_url("**/courses/luat-cong-doan")


def _tap_a_citation(page) -> None:
    """Tap a citation: a box with the article's summary opens; the page does not leave."""
    citation = page.locator("a.cite").first
    citation.scroll_into_view_if_needed()
    citation.tap()
    box = page.locator(".cite-box")
    box.wait_for()
    assert len(box.inner_text()) > 40 and "/lessons/" in page.url
    screenshot(page, "lesson-citation-tap-phone")
    box.locator("button.btn-close").tap()


def _lecturer_sees_reading_time(browser, live_server, email: str) -> None:
    """Playwright does not show beacon requests, so check the time where it lands."""
    context = browser.new_context(base_url=live_server, **DESKTOP)
    page = context.new_page()
    login(page, "lecturer@example.com")
    page.wait_for_url("**/home")
    page.goto("/courses/luat-cong-doan/participants")
    row = page.locator("[data-testid=participant]", has_text=email)
    assert row.locator("[data-testid=reading-time]").inner_text() != "0:00"
    context.close()


def test_trainee_finds_a_course_without_diacritics_reads_on_a_phone_and_completes(
        browser, live_server):
    context = browser.new_context(base_url=live_server, **PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    login(page, "trainee3@example.com")
    page.wait_for_url("**/home")
    _find_course_without_diacritics(page)
    assert page.locator("[data-testid=progress-percent]").inner_text() == "0%"
    page.click("[data-testid=resume]")
    page.wait_for_url("**/courses/luat-cong-doan/lessons/vi-tri-va-he-thong-cong-doan")
    _no_sideways_scroll(page)
    screenshot(page, "lesson-phone")
    _tap_a_citation(page)
    # Leaving the page sends the reading time with navigator.sendBeacon (CSRF token included).
    page.wait_for_timeout(1500)
    page.goto("/courses/luat-cong-doan")
    page.go_back()
    page.wait_for_url("**/lessons/vi-tri-va-he-thong-cong-doan")
    _submit(page, "[data-testid=complete]")
    page.wait_for_url("**/lessons/quyen-dai-dien-bao-ve-nguoi-lao-dong")
    assert "Đã hoàn thành bài học" in page.content()
    page.goto("/courses/luat-cong-doan")
    percent = page.locator("[data-testid=progress-percent]").inner_text()
    assert percent == "7%"  # 1 of 11 lessons and 3 activities (a quiz, two scenarios)
    assert "Học tiếp: Quyền đại diện" in page.locator("[data-testid=resume]").inner_text()
    _no_sideways_scroll(page)
    screenshot(page, "course-progress-phone")
    page.goto("/home")
    assert "7%" in page.locator("[data-testid=my-courses]").inner_text()
    context.close()
    _lecturer_sees_reading_time(browser, live_server, "trainee3@example.com")


def test_lecturer_writes_cites_previews_publishes_and_restores(browser, live_server):
    context = browser.new_context(base_url=live_server, **DESKTOP)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on("dialog", lambda dialog: dialog.accept())
    login(page, "lecturer@example.com")
    page.wait_for_url("**/home")
    page.goto("/teach/courses/doi-thoai-tai-noi-lam-viec")
    module = page.locator("[data-testid=author-module]").first
    module.locator("[data-testid=new-lesson-title]").fill("Đối thoại khi doanh nghiệp đổi ca")
    module.locator("[data-testid=add-lesson]").click()
    page.wait_for_url(re.compile(r".*/teach/courses/doi-thoai-tai-noi-lam-viec/lessons/\d+$"))
    editor = page.locator("textarea[name=body]")
    editor.fill("Khi doanh nghiệp đổi ca, công đoàn đề nghị đối thoại theo ")
    page.locator("[data-testid=citation-helper] summary").click()
    page.fill("[data-cite-query]", "BLLĐ-2019:63")
    page.click("[data-cite-search]")
    page.locator("[data-cite-insert]").first.click()
    assert "[[BLLĐ-2019:63]]" in editor.input_value()
    preview = page.locator("[data-testid=preview] a.cite")
    preview.wait_for()
    assert preview.inner_text() == "Điều 63 BLLĐ 2019"
    screenshot(page, "lesson-editor-desktop")
    _submit(page, "[data-testid=save-lesson]")
    assert "Đã lưu thành bản 2" in page.content()
    editor = page.locator("textarea[name=body]")
    editor.fill("Bản viết vội, cần bỏ.")
    _submit(page, "[data-testid=save-lesson]")
    assert "Đã lưu thành bản 3" in page.content()
    _submit(page, "[data-testid=publish-lesson]")
    assert "Đã xuất bản bài học" in page.content()
    _submit(page, "[data-testid=history]")
    page.wait_for_url("**/history")
    assert page.locator("[data-testid=revision-row]").count() == 4
    _submit(page, "[data-testid=restore-2]")
    page.wait_for_url(re.compile(r".*/lessons/\d+$"))
    assert "Đã khôi phục phiên bản 2 thành phiên bản 5" in page.content()
    assert "[[BLLĐ-2019:63]]" in page.locator("textarea[name=body]").input_value()
    _submit(page, "text=Mở trang bài học")
    assert page.locator(".lesson-body a.cite").inner_text() == "Điều 63 BLLĐ 2019"
    context.close()
    # A trainee of the course now sees the published lesson.
    context = browser.new_context(base_url=live_server, **DESKTOP)
    page = context.new_page()
    login(page, "trainee4@example.com")
    page.wait_for_url("**/home")
    page.goto("/courses/doi-thoai-tai-noi-lam-viec")
    assert "Đối thoại khi doanh nghiệp đổi ca" in page.content()
    context.close()


@pytest.mark.parametrize("slug", ["bo-luat-lao-dong-2019", "luat-cong-doan",
                                  "giai-quyet-tranh-chap-lao-dong",
                                  "doi-thoai-tai-noi-lam-viec"])
def test_each_handbook_prints_on_one_page(browser, live_server, slug):
    context = browser.new_context(base_url=live_server, **DESKTOP)
    page = context.new_page()
    login(page, "trainee5@example.com")
    page.wait_for_url("**/home")
    page.goto(f"/courses/{slug}/handbook")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    screenshot(page, f"handbook-print-{slug}")
    assert pages == 1, f"{slug} prints on {pages} pages"
    context.close()
