"""A whole live class in two browsers: a lecturer at a desk and a trainee on a phone.

The lecturer schedules and opens a session; both chat; the trainee raises a hand, answers a
poll and votes on a scenario decision; the trainee's phone goes offline and comes back; the
lecturer ends the session and reads the record with the trainee's attendance.
"""
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.e2e.conftest import DESKTOP, PHONE, login, screenshot

pytestmark = pytest.mark.e2e

COURSE = "Kỹ năng đối thoại tại nơi làm việc"
TRAINEE = "Vũ Đức Thắng"  # trainee3@example.com


@pytest.fixture
def two_people(browser, live_server):
    """The lecturer's desktop page and a trainee's phone page (each its own browser profile)."""
    contexts = [browser.new_context(base_url=live_server, **DESKTOP),
                browser.new_context(base_url=live_server, **PHONE)]
    pages = [context.new_page() for context in contexts]
    errors = []
    for page in pages:
        page.set_default_timeout(15_000)
        page.on("dialog", lambda dialog: dialog.accept())
        page.on("pageerror", lambda error: errors.append(str(error)))
    yield pages
    assert errors == [], errors  # no script errors in either browser
    for context in contexts:
        context.close()


def schedule_and_open(lead) -> str:
    """Schedule a session for now through the form, open the room; return its path."""
    login(lead, "lecturer@example.com")
    lead.wait_for_url("**/home")
    lead.goto("/live/")
    lead.locator("[data-testid=live-teaching] li", has_text=COURSE).get_by_role(
        "link", name="Lên lịch phiên học").click()
    now = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).replace(second=0, microsecond=0)
    lead.fill("input[name=title]", "Lớp e2e: đối thoại định kỳ")
    lead.fill("input[name=starts_at]", (now - timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M"))
    lead.fill("input[name=ends_at]", (now + timedelta(minutes=60)).strftime("%Y-%m-%dT%H:%M"))
    lead.click("main form button[type=submit]")
    lead.wait_for_selector("text=Đã lên lịch phiên học.")
    session_path = lead.url.split(lead.url.split("/live/")[0])[1]
    lead.click("[data-testid=open-room]")
    lead.wait_for_url("**/room")
    lead.wait_for_selector("#live-room[data-ready='1']")
    return session_path


def enter_as_trainee(phone) -> None:
    """Sign in as a trainee and join the live session from the live classes page."""
    login(phone, "trainee3@example.com")
    phone.wait_for_url("**/home")
    phone.goto("/live/")
    phone.locator("[data-testid=live-sessions] li", has_text="Lớp e2e").get_by_role(
        "link", name="Vào lớp").click()
    phone.wait_for_url("**/room")
    phone.wait_for_selector("#live-room[data-ready='1']")


def chat(page, text: str) -> None:
    """Write in the room chat."""
    page.click("[data-testid=tab-chat]")
    page.fill("[data-testid=chat-input]", text)
    page.click("[data-testid=chat-send]")


def presence_and_chat(lead, phone) -> None:
    """Presence and chat, both ways."""
    lead.click("[data-testid=tab-people]")
    lead.locator("[data-testid=people]").get_by_text(TRAINEE).wait_for()
    chat(phone, "Em chào thầy ạ")
    lead.click("[data-testid=tab-chat]")
    lead.locator("[data-testid=chat]").get_by_text("Em chào thầy ạ").wait_for()
    chat(lead, "Chào cả lớp, hôm nay học đối thoại định kỳ")
    phone.locator("[data-testid=chat]").get_by_text("hôm nay học đối thoại").wait_for()


def raise_and_lower_hand(lead, phone) -> None:
    """The trainee raises a hand; the lecturer sees the queue and lowers it."""
    phone.click("[data-testid=hand-button]")
    phone.wait_for_selector("[data-testid=hand-button][aria-pressed=true]")
    lead.click("[data-testid=tab-people]")
    hands = lead.locator("[data-testid=hands]")
    hands.get_by_text(TRAINEE).wait_for()
    hands.get_by_role("button", name="Hạ tay").click()
    phone.wait_for_selector("[data-testid=hand-button][aria-pressed=false]")


def follow_the_lesson(lead, phone) -> None:
    """The lecturer shows a lesson section; the phone follows, reads ahead and comes back."""
    lead.click("[data-testid=lead-lesson-show]")
    phone.wait_for_selector("[data-live=lesson-where]:has-text('Mục 1/')")
    assert "chưa trình chiếu" not in phone.inner_text("[data-testid=lesson]")
    # the trainee reads ahead on their own, the lecturer moves on, the trainee comes back
    phone.click("[data-testid=lesson-detach]")
    phone.get_by_role("button", name="Tiếp ›").click()
    phone.wait_for_selector("[data-live=lesson-where]:has-text('Mục 2/')")
    lead.select_option("[data-testid=lead-section]", index=2)
    lead.click("[data-testid=lead-lesson-show]")
    phone.get_by_text("Giảng viên đang ở mục:").wait_for()
    assert phone.inner_text("[data-live=lesson-where]").startswith("Mục 2/")  # still reading
    phone.click("[data-testid=lesson-return]")
    phone.wait_for_selector("[data-live=lesson-where]:has-text('Mục 3/')")


def answer_a_poll(lead, phone) -> None:
    """A poll with live results, then published."""
    lead.click("text=Bình chọn >> nth=0")
    lead.fill("[data-testid=lead-poll-question]", "Công ty anh chị đã đối thoại định kỳ chưa?")
    lead.fill("[data-testid=lead-poll-options]", "Rồi\nChưa\nKhông rõ")
    lead.click("[data-testid=lead-poll-start]")
    poll = phone.locator("[data-testid=poll-form]")
    poll.get_by_text("Chưa", exact=True).click()
    poll.get_by_role("button", name="Gửi").click()
    phone.get_by_text("Bạn đã chọn: Chưa").wait_for()
    lead.locator("[data-testid=poll]").get_by_text("1 người đã trả lời").wait_for()
    lead.locator("[data-testid=poll]").get_by_role("button", name="Công bố kết quả cho cả lớp").click()
    phone.locator("[data-testid=poll]").get_by_text("1 người đã trả lời").wait_for()
    screenshot(phone, "live-trainee-poll-phone")


def vote_on_a_scenario_decision(lead, phone) -> None:
    """A live scenario decision voted on the phone; the class follows the majority."""
    lead.click("text=Câu hỏi trực tiếp >> nth=0")
    lead.select_option("[data-testid=lead-scenario]", index=0)
    lead.click("[data-testid=lead-scenario-start]")
    lead.click("[data-testid=scenario-continue]")
    lead.click("[data-testid=scenario-push]")
    phone.locator("[data-testid=quiz-form] button").first.click()
    phone.get_by_text("Đã ghi nhận câu trả lời").wait_for()
    lead.locator("[data-testid=quiz-progress]").get_by_text("Đã có 1 câu trả lời").wait_for()
    lead.click("[data-testid=scenario-decide]")
    phone.get_by_text("Cả lớp đã chọn (theo đa số):").wait_for()
    phone.locator("[data-testid=quiz]").get_by_text("Bảng xếp hạng").wait_for()
    screenshot(phone, "live-trainee-scenario-phone")
    screenshot(lead, "live-lecturer-room-desktop")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, "the room scrolls sideways on a phone"


def go_offline_and_back(lead, phone) -> None:
    """The phone goes offline, keeps what is typed and catches up when back."""
    phone.context.set_offline(True)
    phone.wait_for_selector(".live-offline")
    assert "Mất kết nối" in phone.inner_text("[data-testid=live-notice]")
    chat(lead, "Tin nhắn lúc em mất mạng")
    chat(phone, "Em gửi lúc mất mạng")
    phone.locator("[data-testid=chat]").get_by_text("chưa gửi").wait_for()
    phone.context.set_offline(False)
    phone.wait_for_selector("[data-testid=conn-status]:has-text('Đã kết nối')")
    phone.locator("[data-testid=chat]").get_by_text("Tin nhắn lúc em mất mạng").wait_for()
    lead.locator("[data-testid=chat]").get_by_text("Em gửi lúc mất mạng").wait_for()
    assert phone.locator("[data-testid=chat]").get_by_text("Em gửi lúc mất mạng").count() == 1
    assert phone.locator("[data-testid=chat] .live-pending").count() == 0


def end_and_read_the_record(lead, phone, session_path) -> None:
    """The lecturer ends the session; record and gradebook show the trainee."""
    lead.click("[data-testid=end-session]")
    lead.wait_for_url("**/record")
    phone.get_by_text("Phiên học đã kết thúc").first.wait_for()
    row = lead.locator("[data-testid=attendance-table] tr", has_text=TRAINEE)
    assert row.count() == 1
    transcript = lead.inner_text("[data-testid=transcript]")
    assert "Em chào thầy ạ" in transcript and "Em gửi lúc mất mạng" in transcript
    assert "Công ty anh chị đã đối thoại định kỳ chưa?" in lead.content()
    screenshot(lead, "live-record-desktop")
    # the live-quiz score and the attendance are columns of the course gradebook
    lead.goto("/gradebook/course/doi-thoai-tai-noi-lam-viec")
    table = lead.locator("table")
    table.get_by_text("Trực tiếp: Lớp e2e: đối thoại định kỳ").wait_for()
    table.get_by_text("Điểm danh: Lớp e2e: đối thoại định kỳ").wait_for()
    assert table.locator("tr", has_text=TRAINEE).count() == 1
    phone.goto(session_path)
    phone.locator("[data-testid=my-attendance]").get_by_text("phút trong phòng học").wait_for()
    screenshot(phone, "live-my-attendance-phone")


def test_a_live_class_from_start_to_record(two_people):
    lead, phone = two_people
    session_path = schedule_and_open(lead)
    enter_as_trainee(phone)
    presence_and_chat(lead, phone)
    raise_and_lower_hand(lead, phone)
    follow_the_lesson(lead, phone)
    answer_a_poll(lead, phone)
    vote_on_a_scenario_decision(lead, phone)
    go_offline_and_back(lead, phone)
    end_and_read_the_record(lead, phone, session_path)
