"""Command line: ``flask content import|export|check``."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from courses.content_check import check_content
from courses.exporter import export_course
from courses.importer import ImportReport, import_content
from lms.errors import NotFoundError

content_cli = AppGroup("content", help="Import, export and check course content files.")
_KINDS = (("laws", "Laws"), ("articles", "Articles"), ("courses", "Courses"),
          ("modules", "Modules"), ("lessons", "Lessons"))
_VERBS = ("created", "updated", "unchanged", "removed", "withdrawn",
          "kept for withdrawn lessons")


def _default_root() -> Path:
    return Path(current_app.config["CONTENT_DIR"])


def report_lines(report: ImportReport) -> list[str]:
    """Word the counts of an import, one line per kind of record."""
    lines = []
    for kind, label in _KINDS:
        parts = [f"{report.tally[f'{kind} {verb}']} {verb}" for verb in _VERBS
                 if report.tally[f"{kind} {verb}"]]
        lines.append(f"{label}: {', '.join(parts) or 'none'}.")
    lines.append(f"Lesson revisions recorded: {report.tally['revisions recorded']}.")
    lines += report.part_summaries
    if report.unhandled_parts:
        lines.append("Files no installed package imports yet (left aside): "
                     + "; ".join(report.unhandled_parts) + ".")
    return lines


@content_cli.command("import")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check everything and report, write nothing.")
def import_command(path: Path | None, dry_run: bool):
    """Import a content folder (default: CONTENT_DIR): everything or nothing."""
    root = path or _default_root()
    report = import_content(root, dry_run=dry_run)
    if report.errors:
        for error in report.errors:
            click.echo(str(error), err=True)
        raise click.ClickException(f"Nothing imported: {len(report.errors)} problem(s).")
    for line in report_lines(report):
        click.echo(line)
    click.echo(f"Imported {root}." if report.written
               else f"Dry run: {root} is valid; nothing was written.")


@content_cli.command("export")
@click.argument("course")
@click.argument("dest", type=click.Path(file_okay=False, path_type=Path))
def export_command(course: str, dest: Path):
    """Write course COURSE (a slug) and the legal registry into the folder DEST."""
    try:
        written = export_course(course, dest)
    except NotFoundError as error:
        raise click.ClickException(str(error.message))
    click.echo(f"Exported {course} to {dest}: {len(written)} file(s).")


@content_cli.command("check")
@click.argument("path", required=False, type=click.Path(path_type=Path))
def check_command(path: Path | None):
    """List broken citations and lessons citing replaced law without a note."""
    root = path or _default_root()
    report = check_content(root if root.exists() else None, today=date.today())
    sections = [
        (f"Problems in the files of {root}", [str(e) for e in report.file_errors]),
        ("Lessons (files) citing replaced law without law_change_note",
         report.file_missing_notes),
        ("Broken citations in the database", report.db_broken),
        ("Lessons (database) citing replaced law without a note", report.db_missing_notes),
    ]
    for title, items in sections:
        click.echo(f"{title}: {len(items) or 'none'}")
        for item in items:
            click.echo(f"  {item}")
    if not report.is_clean:
        raise SystemExit(1)
