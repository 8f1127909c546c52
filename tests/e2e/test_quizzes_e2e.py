"""Quizzes in Chromium: a trainee plays a scenario on a phone (reload, resume, path review),
takes a quiz that survives a lost connection and a reload, and a lecturer imports GIFT,
builds a quiz from it and reads the item analysis once trainees have answered."""
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE, login, screenshot

pytestmark = pytest.mark.e2e

GIFT = """// Câu hỏi nhập trong bài kiểm thử trình duyệt
$CATEGORY: E2E GIFT

::E2E lương tối thiểu::Mức lương tối thiểu vùng do Chính phủ quy định. {T}

::E2E kỳ hạn::Người hưởng lương tháng được trả mỗi tháng {=một lần ~hai tuần một lần
~ba tháng một lần}

::E2E lãi chậm trả::Chậm trả lương từ bao nhiêu ngày thì phải trả thêm tiền lãi? {#15:0}
"""


@pytest.fixture(scope="session")
def quiz_server(live_server):
    """The live server: the demo seed imported content/ and enrolled every demo trainee."""
    return live_server


def new_page(browser, base_url, device):
    """Open a fresh page at phone or desktop size."""
    context = browser.new_context(base_url=base_url, **device)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def click_and_wait(page, selector) -> None:
    """Click something that submits a form and wait for the next page to load."""
    with page.expect_navigation():
        page.locator(selector).first.click()


def take_step(page) -> str:
    """Do whatever the current scenario step asks (continue, first choice, answer)."""
    if page.locator("[data-testid=continue]").count():
        click_and_wait(page, "[data-testid=continue]")
        return "continue"
    if page.locator("[data-testid=choice]").count():
        click_and_wait(page, "[data-testid=choice]")
        return "choice"
    node = page.locator("fieldset[data-slot='0']")
    assert node.count() == 1, (page.url, page.locator("main").inner_text()[:800])
    radios = node.locator("input[type=radio], input[type=checkbox]")
    if radios.count():
        radios.first.check()
    texts = node.locator("input[type=text], textarea")
    for index in range(texts.count()):
        texts.nth(index).fill("15")
    selects = node.locator("select")
    for index in range(selects.count()):
        selects.nth(index).select_option(index=1)
    click_and_wait(page, "[data-testid=check-submit]")
    return "check"


def test_a_trainee_plays_a_scenario_on_a_phone_reloads_resumes_and_reviews(browser,
                                                                            quiz_server):
    context, page = new_page(browser, quiz_server, PHONE)
    login(page, "trainee@example.com")
    page.goto("/quizzes/my")
    page.get_by_role("link", name="Công ty dời ngày trả lương 20 ngày").click()
    click_and_wait(page, "[data-testid=start-scenario]")
    take_step(page)                                   # read the situation
    take_step(page)                                   # first decision
    assert page.locator("[data-testid=feedback]").count() == 1
    assert page.locator("[data-testid=feedback] a.cite").count() >= 1
    screenshot(page, "scenario-feedback-phone")
    node = page.get_attribute("[data-testid=node]", "data-node")
    page.reload()
    assert page.get_attribute("[data-testid=node]", "data-node") == node
    page.goto("/home")
    page.goto("/quizzes/my")
    page.get_by_role("link", name="Công ty dời ngày trả lương 20 ngày").click()
    click_and_wait(page, "[data-testid=resume]")
    assert page.get_attribute("[data-testid=node]", "data-node") == node
    for _ in range(40):
        if "/path" in page.url:
            break
        take_step(page)
    assert "/path" in page.url
    assert page.locator("[data-testid=outcome]").count() == 1
    assert page.locator("[data-testid=path-step]").count() >= 3
    articles = page.locator("[data-testid=articles] li")
    assert articles.count() >= 1 and "Điều" in articles.first.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "scenario-path-phone")
    context.close()


def answer_all(page) -> None:
    """Answer every question of an attempt page with something."""
    for fieldset in page.locator("fieldset[data-slot]").all():
        kind = fieldset.get_attribute("data-type")
        if kind in ("single_choice", "true_false", "multiple_choice"):
            fieldset.locator("input.form-check-input").first.check()
        elif kind in ("short_answer", "numerical"):
            fieldset.locator("input[type=text]").fill("15")
        elif kind == "essay":
            fieldset.locator("textarea").fill("Công đoàn yêu cầu trả lương đúng hạn.")
        elif kind == "matching":
            for select in fieldset.locator("select").all():
                select.select_option(index=1)
        elif kind == "ordering":
            fieldset.locator("[data-move='1']").first.click()


def test_a_quiz_attempt_survives_a_lost_connection_and_a_reload(browser, quiz_server):
    context, page = new_page(browser, quiz_server, PHONE)
    login(page, "trainee2@example.com")
    page.goto("/quizzes/my")
    page.get_by_role("link", name=re.compile("Kiểm tra cuối khóa - Bộ luật")).click()
    page.click("[data-testid=start-attempt]")
    page.wait_for_selector("#attempt-form")
    first = page.locator("fieldset[data-slot]").first
    first_kind = first.get_attribute("data-type")
    answer_all(page)
    status = page.locator("#save-status")
    expect(status).to_have_text(re.compile("^Đã lưu"))
    context.set_offline(True)
    last = page.locator("fieldset[data-slot]").last
    if last.get_attribute("data-type") in ("short_answer", "numerical"):
        last.locator("input[type=text]").fill("20")
    else:
        last.locator("input, textarea, select").first.focus()
        answer_all(page)
    expect(status).to_have_text(re.compile("^Mất kết nối"))
    screenshot(page, "quiz-offline-phone")
    context.set_offline(False)
    expect(status).to_have_text(re.compile("^Đã lưu"), timeout=40_000)
    page.reload()
    assert page.locator("#save-status").inner_text().startswith("Đã lưu")
    if first_kind in ("single_choice", "true_false", "multiple_choice"):
        assert first.locator("input:checked").count() >= 1
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-testid=submit-attempt]")
    page.wait_for_url("**/review")
    assert page.locator("[data-testid=attempt-mark]").count() == 1
    screenshot(page, "quiz-review-phone")
    context.close()


def take_quiz(browser, base_url, email, title, right: bool) -> None:
    """Sign in as a trainee, answer every question of a quiz, submit."""
    context, page = new_page(browser, base_url, DESKTOP)
    login(page, email)
    page.goto("/quizzes/my")
    page.get_by_role("link", name=title).click()
    page.click("[data-testid=start-attempt]")
    page.wait_for_selector("#attempt-form")
    for fieldset in page.locator("fieldset[data-slot]").all():
        kind = fieldset.get_attribute("data-type")
        if kind == "true_false":
            fieldset.locator(f"input[value={'true' if right else 'false'}]").check()
        elif kind == "single_choice":
            label = "một lần" if right else "hai tuần một lần"
            fieldset.get_by_label(label, exact=True).check()
        elif kind == "numerical":
            fieldset.locator("input[type=text]").fill("15" if right else "30")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-testid=submit-attempt]")
    page.wait_for_url("**/review")
    context.close()


def test_a_lecturer_imports_gift_builds_a_quiz_and_reads_item_analysis(browser, quiz_server,
                                                                        tmp_path):
    gift = tmp_path / "e2e.gift"
    gift.write_text(GIFT, "utf-8")
    context, page = new_page(browser, quiz_server, DESKTOP)
    login(page, "lecturer@example.com")
    page.goto("/teach/course/bo-luat-lao-dong-2019")
    page.click("[data-testid=gift-import-link]")
    page.set_input_files("input[name=file]", str(gift))
    page.click("[data-testid=gift-preview]")
    preview = page.locator("[data-testid=gift-preview-list]")
    assert "3" in preview.inner_text() and "E2E kỳ hạn" in preview.inner_text()
    screenshot(page, "gift-preview")
    page.click("[data-testid=gift-confirm]")
    page.wait_for_url("**/questions")
    assert "E2E lãi chậm trả" in page.content()
    page.goto("/teach/course/bo-luat-lao-dong-2019/quizzes/new")
    page.fill("input[name=slug]", "kiem-tra-e2e")
    page.fill("input[name=title]", "Kiểm tra E2E")
    page.select_option("select[name=module]", index=1)
    for title in ("E2E lương tối thiểu", "E2E kỳ hạn", "E2E lãi chậm trả"):
        page.get_by_label(title, exact=True).check()
    page.check("input[name='review-immediately-marks']")
    page.click("[data-testid=save-quiz]")
    page.wait_for_url("**/settings")
    take_quiz(browser, quiz_server, "trainee3@example.com", "Kiểm tra E2E", right=True)
    take_quiz(browser, quiz_server, "trainee4@example.com", "Kiểm tra E2E", right=False)
    page.goto("/teach/course/bo-luat-lao-dong-2019")
    quiz_line = page.locator("li", has_text="Kiểm tra E2E")
    quiz_line.get_by_role("link", name="Phân tích câu hỏi").click()
    rows = page.locator("[data-testid=item-row]")
    assert rows.count() == 3
    assert "Độ dễ 50%" in rows.first.inner_text()
    screenshot(page, "item-analysis")
    page.goto("/gradebook/course/bo-luat-lao-dong-2019")
    assert "Kiểm tra E2E" in page.content()
    context.close()


def test_the_lecturer_sees_a_scenario_graph_and_its_statistics(browser, quiz_server):
    context, page = new_page(browser, quiz_server, DESKTOP)
    login(page, "lecturer@example.com")
    page.goto("/teach/course/bo-luat-lao-dong-2019")
    page.locator("li", has_text="Công ty dời ngày trả lương 20 ngày").get_by_role(
        "link", name="Sửa và sơ đồ").click()
    assert page.locator("[data-testid=scenario-graph] svg g.sg-node").count() > 5
    assert page.locator("[data-testid=scenario-valid]").count() == 1
    screenshot(page, "scenario-graph")
    page.goto(page.url + "/stats")
    assert page.locator("[data-testid=decision-stat]").count() >= 3
    screenshot(page, "scenario-stats")
    context.close()
