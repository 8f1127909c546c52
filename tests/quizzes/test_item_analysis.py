"""Tests for item analysis (facility, discrimination, distribution) and weak articles."""
import pytest

from quizzes.analysis import (
    ResponseRecord, article_of, item_analysis, pearson, weakness_by_article,
)


def _records(rows):
    return [ResponseRecord(*row) for row in rows]


# Four attempts over questions a (discriminates), b (everyone right), c (reversed).
ROWS = [
    (1, "a", 1.0, "A"), (1, "b", 1.0, "x"), (1, "c", 0.0, "Sai"),
    (2, "a", 1.0, "A"), (2, "b", 1.0, "x"), (2, "c", 0.0, "Sai"),
    (3, "a", 0.0, "B"), (3, "b", 1.0, "x"), (3, "c", 1.0, "Đúng"),
    (4, "a", 0.0, "C"), (4, "b", 1.0, "x"), (4, "c", 1.0, "Đúng"),
]


def test_facility_and_distribution():
    stats = {s.question_slug: s for s in item_analysis(_records(ROWS))}
    assert [s for s in stats] == ["a", "b", "c"]
    assert (stats["a"].count, stats["a"].facility) == (4, 50.0)
    assert stats["a"].distribution == (("A", 2), ("B", 1), ("C", 1))
    assert stats["b"].facility == 100.0 and stats["b"].distribution == (("x", 4),)


def test_discrimination_uses_the_rest_of_the_test():
    totals = {1: 9.0, 2: 7.0, 3: 3.0, 4: 1.0}
    stats = {s.question_slug: s for s in item_analysis(_records(ROWS), totals)}
    assert stats["a"].discrimination == pytest.approx(
        100 * pearson([1, 1, 0, 0], [8, 6, 3, 1]), abs=0.01)
    assert stats["a"].discrimination > 90
    assert stats["c"].discrimination < -90
    assert stats["b"].discrimination is None  # the item did not vary


def test_totals_default_to_the_records_and_marks_are_weighted():
    rows = [(1, "a", 1.0, "A", 2.0), (1, "b", 0.5, "x", 4.0),
            (2, "a", 0.0, "B", 2.0), (2, "b", 1.0, "y", 4.0),
            (3, "a", 1.0, "A", 2.0), (3, "b", 0.0, "z", 4.0)]
    stats = item_analysis(_records(rows))
    # rest of test for a = b's marks: 2, 4, 0
    assert stats[0].discrimination == pytest.approx(100 * pearson([1, 0, 1], [2, 4, 0]),
                                                    abs=0.01)


@pytest.mark.parametrize("rows, count, ungraded, facility, discrimination", [
    ([], None, None, None, None),
    ([(1, "e", None, "Bài viết 3 từ")], 0, 1, None, None),
    ([(1, "e", 0.5, "x")], 1, 0, 50.0, None),
    ([(1, "e", 0.5, "x"), (2, "e", None, "y"), (2, "f", 1.0, "z"), (1, "f", 0.0, "z")],
     1, 1, 50.0, None),
])
def test_undefined_figures_are_none(rows, count, ungraded, facility, discrimination):
    stats = item_analysis(_records(rows))
    if count is None:
        assert stats == ()
        return
    assert (stats[0].count, stats[0].ungraded, stats[0].facility,
            stats[0].discrimination) == (count, ungraded, facility, discrimination)


def test_pearson_edge_cases():
    assert pearson([], []) is None
    assert pearson([1], [2]) is None
    assert pearson([1, 1], [1, 2]) is None
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)


@pytest.mark.parametrize("citation, article", [
    ("BLLĐ-2019:97.4", "BLLĐ-2019:97"), ("BLLĐ-2019:35.2.b", "BLLĐ-2019:35"),
    ("NĐ-145-2020:3", "NĐ-145-2020:3"), ("LCĐ-2024:4a.1", "LCĐ-2024:4a"),
])
def test_article_of(citation, article):
    assert article_of(citation) == article


def test_weakness_by_article_sorted_weakest_first():
    records = _records([
        (1, "a", 1.0, ""), (2, "a", 0.0, ""), (1, "c", 0.0, ""), (2, "c", 0.0, ""),
        (1, "d", 1.0, ""), (1, "e", None, ""), (1, "z", 0.0, ""),
    ])
    citations = {"a": ["BLLĐ-2019:97.4", "BLLĐ-2019:97.5"], "c": ["BLLĐ-2019:98"],
                 "d": ["BLLĐ-2019:97"], "e": ["LCĐ-2024:10"]}
    weak = weakness_by_article(records, citations)
    assert [(w.article, w.questions, w.responses, w.mean_fraction) for w in weak] == [
        ("BLLĐ-2019:98", ("c",), 2, 0.0),
        ("BLLĐ-2019:97", ("a", "d"), 3, 0.6667),
    ]
