"""Command line: ``flask quizzes import-gift|export-gift|finalise-overdue``."""
from __future__ import annotations

import sys
from pathlib import Path

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from courses.models import Course
from lms.errors import ValidationError
from lms.extensions import db
from lms.timeutil import utcnow
from quizzes import attempts, giftio
from quizzes.qtypes import QUESTION_TYPES

quizzes_cli = AppGroup("quizzes", help="Question banks, GIFT files and quiz attempts.")


def _course(slug: str) -> Course:
    """Return the course with ``slug`` or stop with a message."""
    course = db.session.scalar(sa.select(Course).where(Course.slug == slug))
    if course is None:
        raise click.ClickException(f"No course with slug '{slug}'.")
    return course


@quizzes_cli.command("import-gift")
@click.argument("gift_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--course", "course_slug", required=True, help="Slug of the course.")
@click.option("--category", default=giftio.DEFAULT_CATEGORY, show_default=True,
              help="Category for questions written before any $CATEGORY line.")
@click.option("--dry-run", is_flag=True, help="Check the file, write nothing.")
def import_gift_command(gift_file: Path, course_slug: str, category: str, dry_run: bool):
    """Import a Moodle GIFT file into a course's bank: every question or none."""
    course = _course(course_slug)
    try:
        report = giftio.import_gift(course, giftio.decode(gift_file.read_bytes()),
                                    default_category=category, dry_run=dry_run)
    except ValidationError as error:
        click.echo(f"{gift_file}: {error.message}", err=True)
        for problem in error.errors:
            click.echo(f"  {problem}", err=True)
        sys.exit(1)
    counts = report.type_counts
    for name in QUESTION_TYPES:
        if counts.get(name):
            click.echo(f"{name}: {counts[name]}")
    verb = "would import" if dry_run else "imported"
    click.echo(f"{verb} {len(report.items)} questions ({len(report.new)} new, "
               f"{len(report.updated)} updated) into {course.slug}")


@quizzes_cli.command("export-gift")
@click.option("--course", "course_slug", required=True, help="Slug of the course.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of standard output.")
def export_gift_command(course_slug: str, output: Path | None):
    """Export a course's bank as Moodle GIFT (ordering questions are listed as skipped)."""
    exported = giftio.export_gift(_course(course_slug))
    if output is None:
        click.echo(exported.text, nl=False)
    else:
        output.write_text(exported.text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
    for skipped in exported.skipped:
        click.echo(f"skipped {skipped.slug}: {skipped.reason}", err=True)


@quizzes_cli.command("finalise-overdue")
def finalise_overdue_command():
    """Finish every quiz attempt whose deadline has passed (for cron; the app also does it)."""
    count = attempts.finalise_overdue(now=utcnow())
    click.echo(f"finalised {count} overdue attempts")
