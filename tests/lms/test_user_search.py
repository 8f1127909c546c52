"""Account searches ignore case and Vietnamese diacritics, in the admin list and enrolment."""
import pytest

from courses.enrolment import find_trainees
from lms.extensions import db
from tests import factories


@pytest.fixture
def people(app):
    tree = factories.gen_tree()
    factories.gen_user(email="admin@x.vn", role="admin", unit=tree["fed"])
    return {
        "do": factories.gen_user(full_name="Đỗ Quang Huy", email="huy@x.vn", unit=tree["gr_a"]),
        "nguyen": factories.gen_user(full_name="Nguyễn Thị Bình", email="binh@x.vn",
                                     unit=tree["gr_a"]),
    }


@pytest.mark.parametrize("query, expected", [
    ("đỗ", "Đỗ Quang Huy"), ("ĐỖ QUANG", "Đỗ Quang Huy"), ("do quang", "Đỗ Quang Huy"),
    ("nguyen thi binh", "Nguyễn Thị Bình"), ("NGUYỄN", "Nguyễn Thị Bình"),
    ("binh@x", "Nguyễn Thị Bình"),
])
def test_admin_user_search_folds_case_and_diacritics(client, auth, people, query, expected):
    auth.login("admin@x.vn")
    page = client.get("/admin/users", query_string={"q": query}).get_data(as_text=True)
    assert expected in page
    other = ({"Đỗ Quang Huy", "Nguyễn Thị Bình"} - {expected}).pop()
    assert other not in page


def test_a_renamed_account_is_found_by_its_new_name(client, auth, people):
    people["do"].full_name = "Đặng Quốc Việt"
    db.session.commit()
    auth.login("admin@x.vn")
    assert "Đặng Quốc Việt" in client.get("/admin/users?q=dang quoc").get_data(as_text=True)
    assert "Đặng Quốc Việt" not in client.get("/admin/users?q=do quang").get_data(as_text=True)


def test_percent_and_underscore_are_plain_characters(client, auth, people):
    auth.login("admin@x.vn")
    page = client.get("/admin/users?q=%25").get_data(as_text=True)
    assert "Đỗ Quang Huy" not in page


def test_enrolment_search_finds_trainees_without_diacritics(people):
    course = factories.gen_course()
    assert [u.full_name for u in find_trainees(course, "nguyen thi")] == ["Nguyễn Thị Bình"]
    assert [u.full_name for u in find_trainees(course, "  ĐỖ ")] == ["Đỗ Quang Huy"]
