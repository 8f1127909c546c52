"""Round trip: read the sample tree, write it out, read it back, get equal specs."""
from pathlib import Path

from courses.contentfiles.tree import read_content
from courses.contentfiles.writer import law_file_stem, write_course_folder, write_laws

SAMPLES = Path(__file__).parent / "samples"


def _write_tree(tree, root: Path) -> None:
    write_laws(tree.laws, root / "laws")
    for folder in tree.courses:
        write_course_folder(folder, root / folder.path)


def test_read_write_read_gives_equal_specs(tmp_path):
    original = read_content(SAMPLES / "good")
    _write_tree(original, tmp_path)
    again = read_content(tmp_path)
    assert again.errors == ()
    assert again.laws == original.laws
    assert again.courses == original.courses


def test_written_files_have_the_expected_names(tmp_path):
    tree = read_content(SAMPLES / "good")
    written = write_course_folder(tree.courses[0], tmp_path / "out")
    names = sorted(p.relative_to(tmp_path / "out").as_posix() for p in written)
    assert names == [
        "course.yaml", "handbook.md", "lessons/cham-dut-hop-dong.md",
        "lessons/ky-han-tra-luong.md", "lessons/tra-luong-cham.md",
        "questions/tien-luong.yaml", "quizzes/kiem-tra-tien-luong.yaml",
        "scenarios/cham-tra-luong.yaml"]
    assert [p.name for p in write_laws(tree.laws, tmp_path / "laws")] == [
        "blld-2019.yaml", "lcd-2012.yaml", "lcd-2024.yaml"]


def test_raw_part_files_are_written_unchanged(tmp_path):
    folder = read_content(SAMPLES / "good").courses[0]
    write_course_folder(folder, tmp_path)
    source = folder.part_files["scenarios"][0]
    assert (tmp_path / "scenarios" / "cham-tra-luong.yaml").read_text(encoding="utf-8") \
        == source.text


def test_written_yaml_keeps_vietnamese_unescaped(tmp_path):
    tree = read_content(SAMPLES / "good")
    write_laws(tree.laws, tmp_path)
    text = (tmp_path / "blld-2019.yaml").read_text(encoding="utf-8")
    assert "code: BLLĐ-2019\n" in text and "\\u" not in text


def test_law_file_stem_folds_the_code():
    assert law_file_stem("QĐ-61-TLĐ-2025") == "qd-61-tld-2025"
