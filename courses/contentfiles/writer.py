"""Write specs back as content files, in the format ``tree.read_content`` reads.

Files are written over existing ones; nothing else in the destination is deleted, so export
into an empty folder when a clean copy is wanted.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from courses.contentfiles.course import dump_course
from courses.contentfiles.laws import LawSpec, dump_law
from courses.contentfiles.lesson import dump_lesson
from courses.contentfiles.tree import PART_KINDS, CourseFolder
from lms.textfold import fold


def write_course_folder(folder: CourseFolder, dest: Path) -> list[Path]:
    """Write one course into ``dest`` (the course's own folder); return the files written."""
    dest = Path(dest)
    files = {dest / "course.yaml": dump_course(folder.spec)}
    for lesson in folder.lessons:
        files[dest / "lessons" / f"{lesson.slug}.md"] = dump_lesson(lesson)
    if folder.handbook is not None:
        files[dest / "handbook.md"] = dump_lesson(folder.handbook)
    for kind in PART_KINDS:
        for source in folder.part_files.get(kind, ()):
            files[dest / kind / PurePosixPath(source.path).name] = source.text
    for file, text in files.items():
        _write(file, text)
    return list(files)


def write_laws(laws: Iterable[LawSpec], dest: Path) -> list[Path]:
    """Write one ``<code>.yaml`` per law into ``dest`` (the laws folder); return the files."""
    written: list[Path] = []
    for law in laws:
        file = Path(dest) / f"{law_file_stem(law.code)}.yaml"
        suffix = 2
        while file in written:  # two codes that fold alike, e.g. "LCĐ-1" and "LCD-1"
            file = Path(dest) / f"{law_file_stem(law.code)}-{suffix}.yaml"
            suffix += 1
        _write(file, dump_law(law))
        written.append(file)
    return written


def law_file_stem(code: str) -> str:
    """Return the file name (without suffix) for a law code: ``BLLĐ-2019`` -> ``blld-2019``."""
    return fold(code).replace(" ", "-")


def _write(file: Path, text: str) -> None:
    """Write UTF-8 text with ``\\n`` newlines, creating folders as needed."""
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8", newline="\n")
