"""A person signs in as each role at phone and desktop width, switches language, imports CSV."""
import pytest

from tests.e2e.conftest import login, screenshot

pytestmark = pytest.mark.e2e

ROLES = [
    ("admin@example.com", "Tổng quan"),
    ("manager@example.com", "Tổng quan phạm vi quản lý"),
    ("lecturer@example.com", "Xin chào, Phạm Minh Đức"),
    ("trainee@example.com", "Xin chào, Nguyễn Văn An"),
]


@pytest.mark.parametrize("email, marker", ROLES)
def test_each_role_signs_in_and_sees_its_home(page, email, marker):
    page.goto("/")
    assert page.url.endswith("/login")
    assert page.locator("h1").inner_text() == "Đăng nhập"
    login(page, email)
    page.wait_for_url("**/home")
    assert marker in page.content()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], "page scrolls sideways"
    screenshot(page, f"home-{email.split('@')[0]}-{page.size_name}")


def test_phone_menu_opens_and_signs_out(browser, live_server):
    from tests.e2e.conftest import PHONE
    context = browser.new_context(base_url=live_server, **PHONE)
    page = context.new_page()
    login(page, "admin@example.com")
    page.wait_for_url("**/home")
    page.click("button.navbar-toggler")
    page.wait_for_selector("#mainNav.show")  # wait for Bootstrap's collapse transition
    page.locator("#mainNav").get_by_role("link", name="Đơn vị công đoàn").click()
    page.wait_for_url("**/admin/units/")
    assert "Công đoàn cơ sở Công ty TNHH May Hòa Bình" in page.content()
    page.click("button.navbar-toggler")
    page.wait_for_selector("#mainNav.show")
    page.click("a.dropdown-toggle")
    page.click("[data-testid=logout]")
    page.wait_for_url("**/login")
    assert "Bạn đã đăng xuất" in page.content()
    context.close()


def test_failed_login_shows_a_clear_message(desktop_page):
    login(desktop_page, "trainee@example.com", "sai-mat-khau")
    assert "Sai email hoặc mật khẩu" in desktop_page.content()
    assert desktop_page.url.endswith("/login")


def test_language_switch_to_english_and_back(desktop_page):
    page = desktop_page
    login(page, "trainee2@example.com")
    page.wait_for_url("**/home")
    page.select_option("#lang-select", "en")
    page.wait_for_load_state("load")
    page.wait_for_selector("text=Hello, Hoàng Thị Mai")
    assert page.locator("html").get_attribute("lang") == "en"
    page.goto("/home")  # the choice is kept on the account
    assert "Hello, Hoàng Thị Mai" in page.content()
    page.select_option("#lang-select", "vi")
    page.wait_for_selector("text=Xin chào, Hoàng Thị Mai")


def test_csv_import_with_a_bad_row_writes_nothing(desktop_page, tmp_path):
    page = desktop_page
    csv = tmp_path / "hoc-vien.csv"
    csv.write_text("Họ và tên,Email,Mã đơn vị,Chức vụ\n"
                   "Đinh Thị Thu,thu.dt@example.vn,CDCS-MAYHB,Ủy viên BCH\n"
                   "Kiều Văn Nam,khong-phai-email,CDCS-MAYHB,đoàn viên\n", "utf-8")
    login(page, "admin@example.com")
    page.goto("/admin/users/import")
    page.set_input_files("input[name=file]", str(csv))
    page.click("main form button[type=submit]")
    errors = page.locator("[data-testid=import-errors]")
    assert "Dòng 3" in errors.inner_text() and "khong-phai-email" in errors.inner_text()
    screenshot(page, "import-bad-row")
    page.goto("/admin/users?q=thu.dt")
    assert "Không có tài khoản phù hợp" in page.content()
