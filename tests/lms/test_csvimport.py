"""Parsing CSV files of trainees and units: every bad row reported with its line."""
import pytest

from lms.accounts.csvimport import parse_units_csv, parse_users_csv


def _messages(errors):
    return [(e.line, str(e.message)) for e in errors]


def test_good_file_with_bom_semicolons_and_vietnamese_labels(app):
    data = ("\ufeffHọ và tên;Email;Mã đơn vị;Chức vụ;Loại cán bộ\n"
            "Nguyễn Thị Hoa;Hoa.NT@example.vn;cdcs-1;Chủ tịch CĐCS;kiêm nhiệm\n"
            "\n"
            "Trần Văn Bình;binh@example.vn;CDCS-1;đoàn viên;\n").encode("utf-8")
    rows, errors = parse_users_csv(data)
    assert errors == []
    assert [(r.line, r.email, r.position, r.cadre_type, r.role) for r in rows] == [
        (2, "hoa.nt@example.vn", "chu_tich", "khong_chuyen_trach", "trainee"),
        (4, "binh@example.vn", "doan_vien", None, "trainee"),
    ]


@pytest.mark.parametrize("body, line, fragment", [
    ("Lê A,not-an-email,U1", 2, "Email “not-an-email” không hợp lệ"),
    (",a@example.vn,U1", 2, "Thiếu họ và tên"),
    ("Lê A,a@example.vn,", 2, "Thiếu mã đơn vị"),
    ("Lê A,a@example.vn,U1,giám đốc", 2, "“giám đốc”"),
    ("Lê A,a@example.vn,U1\nLê B,A@example.vn,U1", 3, "trùng với dòng 2"),
])
def test_each_bad_row_is_reported_with_its_line(app, body, line, fragment):
    header = "full_name,email,unit_code,position\n"
    rows, errors = parse_users_csv((header + body + "\n").encode())
    assert all(row.line != line for row in rows)
    assert any(l == line and fragment in m for l, m in _messages(errors)), _messages(errors)


def test_all_bad_rows_are_reported_not_only_the_first(app):
    data = "full_name,email,unit_code\n,x,U1\nA,b@example.vn,U1\n,y,\n".encode()
    rows, errors = parse_users_csv(data)
    assert [r.line for r in rows] == [3] and {e.line for e in errors} == {2, 4}


@pytest.mark.parametrize("data, fragment", [
    ("Ho ten,email,don vi\nNguy\xean,a@b.vn,U1\n".encode("latin-1"), "UTF-8"),
    (b"", "trống"),
    (b"full_name,email\nA,a@example.vn\n", "Thiếu cột bắt buộc: unit_code"),
    (b"full_name,email,unit_code,salary\nA,a@example.vn,U\n", "Cột “salary”"),
    (b"full_name,email,unit_code\n", "không có dòng dữ liệu"),
])
def test_file_level_problems(app, data, fragment):
    rows, errors = parse_users_csv(data)
    assert rows == [] and any(fragment in m for _, m in _messages(errors)), _messages(errors)


def test_units_csv(app):
    data = ("code,name,parent_code,kind,sector,member_count\n"
            "cdcs-x,CĐCS X,UP,cơ sở,ngoài nhà nước,120\n"
            "BAD CODE,Y,UP,grassroots,,1\n"
            "Z,,UP,nowhere,moon,-3\n").encode()
    rows, errors = parse_units_csv(data)
    assert [r.line for r in rows] == [2]
    lines = _messages(errors)
    assert {l for l, _ in lines} == {3, 4}
    assert any("“nowhere”" in m for _, m in lines) and any("“-3”" in m for _, m in lines)
    good, errors = parse_units_csv(data.split(b"\nBAD")[0] + b"\n")
    assert errors == [] and good[0].code == "CDCS-X" and good[0].sector == "non_state"
