"""Pure parts of the live classroom: calendars, attendance arithmetic, groups, lesson sections."""
import random
from datetime import datetime, timedelta, timezone

import pytest

from lms.live import attendance, grouping, ics
from lms.live.sections import split_sections

T0 = datetime(2026, 12, 1, 1, 0, tzinfo=timezone.utc)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


# --- iCalendar -----------------------------------------------------------------------------

def test_calendar_has_crlf_lines_utc_times_and_escaped_text():
    event = ics.CalendarEvent(uid="live-session-7@lms.example", starts_at=at(0), ends_at=at(90),
                              summary="Đối thoại; thương lượng, tranh chấp",
                              description="Dòng 1\nDòng 2", url="https://lms.example/live/7",
                              sequence=3, stamp=at(-60))
    text = ics.build_calendar([event], name="Lịch", stamp=at(-1))
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert "DTSTART:20261201T010000Z\r\n" in text
    assert "DTEND:20261201T023000Z\r\n" in text
    assert "SUMMARY:Đối thoại\\; thương lượng\\, tranh chấp\r\n" in text
    assert "DESCRIPTION:Dòng 1\\nDòng 2\r\n" in text
    assert "SEQUENCE:3\r\n" in text and "UID:live-session-7@lms.example\r\n" in text


def test_long_lines_fold_at_75_octets_without_splitting_characters():
    line = "SUMMARY:" + "Đối thoại tại nơi làm việc " * 10
    folded = ics.fold_line(line)
    parts = folded.split("\r\n ")
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    assert "".join(parts) == line


def test_naive_times_are_refused():
    with pytest.raises(ValueError):
        ics.format_utc(datetime(2026, 1, 1))


# --- attendance ----------------------------------------------------------------------------

WINDOW = attendance.Window(at(0), at(100))


@pytest.mark.parametrize("intervals, seconds", [
    ([], 0),
    ([(at(0), at(100))], 6000),
    ([(at(-30), at(10))], 600),                      # before the opening does not count
    ([(at(90), at(130))], 600),                      # after the end does not count
    ([(at(0), at(50)), (at(25), at(75))], 4500),     # two tabs overlap: counted once
    ([(at(10), at(20)), (at(30), at(40))], 1200),    # a bad network: many short visits
    ([(at(10), at(20)), (at(20), at(30))], 1200),    # touching intervals
    ([(at(50), at(40))], 0),                         # a broken interval counts nothing
])
def test_seconds_present_merges_and_clips(intervals, seconds):
    assert attendance.seconds_present(intervals, WINDOW) == seconds


@pytest.mark.parametrize("minutes, percent, present", [
    (75, 75, True), (74.9, 75, False), (100, 100, True), (1, 1, True), (0, 1, False),
    (50, 50, True), (49, 50, False),
])
def test_the_percent_rule(minutes, percent, present):
    assert attendance.is_present(int(minutes * 60), WINDOW, percent) is present


def test_percent_of_window_and_empty_window():
    assert attendance.percent_of(4500, WINDOW) == 75
    empty = attendance.Window(at(0), at(0))
    assert attendance.percent_of(10, empty) == 0
    assert attendance.is_present(10, empty, 75) is True


@pytest.mark.parametrize("left_at, last_seen, expected", [
    (at(30), at(20), at(30)),       # left: the leave time
    (None, at(99), at(100)),        # still connected and fresh: now
    (None, at(50), at(50)),         # the serving process stopped refreshing: last refresh
])
def test_interval_end(left_at, last_seen, expected):
    assert attendance.interval_end(left_at, last_seen, at(100)) == expected


# --- breakout groups -----------------------------------------------------------------------

@pytest.mark.parametrize("people, count, sizes", [
    (10, 3, [4, 3, 3]), (3, 5, [1, 1, 1]), (0, 3, []), (12, 4, [3, 3, 3, 3]), (7, 1, [7]),
])
def test_random_groups_are_balanced_and_complete(people, count, sizes):
    groups = grouping.split_random(list(range(people)), count, random.Random(1))
    assert [len(g) for g in groups] == sizes
    assert sorted(p for g in groups for p in g) == list(range(people))


def test_groups_by_unit_keep_units_together_when_they_fit():
    people = [(n, "A") for n in range(3)] + [(n, "B") for n in range(3, 6)] + \
             [(n, "C") for n in range(6, 9)]
    groups = grouping.split_by_unit(people, 3, random.Random(7))
    units = {n: u for n, u in people}
    assert len(groups) == 3
    assert all(len({units[p] for p in g}) == 1 for g in groups)


def test_a_big_unit_is_cut_into_fair_shares():
    people = [(n, "A") for n in range(6)] + [(n, "B") for n in range(6, 12)]
    groups = grouping.split_by_unit(people, 4, random.Random(3))
    units = {n: u for n, u in people}
    assert sorted(len(g) for g in groups) == [3, 3, 3, 3]
    assert all(len({units[p] for p in g}) == 1 for g in groups)
    assert sorted(p for g in groups for p in g) == list(range(12))


def test_role_cards_are_dealt_before_any_repeats():
    cards = grouping.deal_roles([1, 2, 3, 4], ["NSDLĐ", "Chủ tịch CĐCS", "Người lao động"],
                                random.Random(2))
    assert sorted(cards) == [1, 2, 3, 4]
    values = list(cards.values())
    assert {"NSDLĐ", "Chủ tịch CĐCS", "Người lao động"} <= set(values)
    assert grouping.deal_roles([1, 2], [], random.Random(2)) == {1: "", 2: ""}


def test_latecomers_go_to_the_first_smallest_group():
    assert grouping.smallest_group([3, 2, 2, 4]) == 1


# --- lesson sections -----------------------------------------------------------------------

def test_sections_cut_at_h2_with_an_opening_section():
    body = "<p>Mở đầu</p>\n<h2>Định kỳ &amp; thường xuyên</h2>\n<p>A</p>\n<h2><em>Khi</em> có yêu cầu</h2><p>B</p>"
    sections = split_sections(body, "Bài 1")
    assert [s.title for s in sections] == ["Bài 1", "Định kỳ & thường xuyên", "Khi có yêu cầu"]
    assert [s.index for s in sections] == [0, 1, 2]
    assert sections[1].html.startswith("<h2>") and "<p>A</p>" in sections[1].html
    assert "".join(s.html for s in sections).replace("\n", "") == body.replace("\n", "")


@pytest.mark.parametrize("body, titles", [
    ("", ["Bài"]),
    ("<p>Không có tiêu đề</p>", ["Bài"]),
    ("<h2>Ngay đầu</h2><p>x</p>", ["Ngay đầu"]),
    ("<h3>Cấp ba</h3><p>x</p>", ["Bài"]),
])
def test_sections_edge_cases(body, titles):
    assert [s.title for s in split_sections(body, "Bài")] == titles
