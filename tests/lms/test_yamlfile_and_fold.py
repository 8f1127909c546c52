"""Tests for the line-aware YAML loader and the Vietnamese text fold."""
import pytest

from lms.textfold import fold
from lms.yamlfile import LineDict, YamlError, load_yaml


def test_lines_are_recorded_for_keys_and_items():
    data = load_yaml("title: A\nitems:\n  - one\n  - two: 2\n")
    assert isinstance(data, LineDict)
    assert data.line_of("items") == 2
    assert data["items"].line_of(1) == 4
    assert data["items"][1].line == 4


def test_first_line_offset_shifts_every_line():
    data = load_yaml("a: 1\nb:\n  c: 2\n", first_line=5)
    assert data.line_of("b") == 6
    assert data["b"].line_of("c") == 7


def test_syntax_error_reports_its_line():
    with pytest.raises(YamlError) as err:
        load_yaml("a: 1\nb: [unclosed\nc: 3\n")
    assert err.value.line >= 2


@pytest.mark.parametrize("text, line", [
    ('a: 1\nb: "unclosed\nc: 3\nd: 4\n', 2),
    ("a: [1,\nb: 2\n", 1),
])
def test_unclosed_quote_or_bracket_reports_where_it_opened(text, line):
    with pytest.raises(YamlError) as err:
        load_yaml(text)
    assert err.value.line == line


def test_duplicate_key_is_an_error():
    with pytest.raises(YamlError) as err:
        load_yaml("a: 1\na: 2\n")
    assert err.value.line == 2
    assert "duplicate" in err.value.message


@pytest.mark.parametrize("text, folded", [
    ("Luật Công đoàn", "luat cong doan"),
    ("  ĐIỀU   97 ", "dieu 97"),
    ("Thỏa ước lao động tập thể", "thoa uoc lao dong tap the"),
    ("nghỉ\tviệc", "nghi viec"),
])
def test_fold_ignores_case_diacritics_and_spaces(text, folded):
    assert fold(text) == folded
