"""Search: folded terms, the SQL for SQLite FTS5 and PostgreSQL, and real queries."""
import os
from datetime import date

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from courses import search
from courses.catalog import catalog
from courses.derived import refresh_lesson
from courses.models import Course, Lesson
from courses.registry import stored_registry
from courses.search_schema import PG_INDEX
from lms.extensions import db
from tests import factories


@pytest.mark.parametrize("query, terms", [
    ("Luật Công đoàn", ["luat", "cong", "doan"]),
    ("luat cong doan", ["luat", "cong", "doan"]),
    ("  ĐÌNH   CÔNG ", ["dinh", "cong"]),
    ("BLLĐ-2019:97", ["blld", "2019", "97"]),
    ('"quote" OR * NEAR(x) & | ! :* \'', ["quote", "or", "near", "x"]),
    ("", []),
    ("--- ::: ***", []),
    ("một hai ba bốn năm sáu bảy tám chín mười", ["mot", "hai", "ba", "bon", "nam", "sau",
                                                  "bay", "tam"]),
    ("lương lương luong", ["luong"]),
])
def test_query_terms_are_folded_words_only(query, terms):
    assert search.query_terms(query) == terms


def test_fts5_and_tsquery_expressions():
    terms = ["luat", "cong", "doan"]
    assert search.fts5_match(terms) == '"luat"* AND "cong"* AND "doan"*'
    assert search.pg_tsquery(terms) == "luat:* & cong:* & doan:*"


def test_sqlite_statement_uses_the_fts5_index():
    statement, params = search.search_statement("sqlite", ["luat", "cong"])
    sql = str(statement.compile(dialect=sqlite.dialect()))
    assert "search_documents_fts MATCH ?" in sql or "MATCH :query" in sql
    assert "bm25(search_documents_fts, 4.0, 1.0)" in sql
    assert params == {"query": '"luat"* AND "cong"*', "limit": search.MAX_HITS}


def test_postgres_statement_matches_the_gin_index_expression():
    statement, params = search.search_statement("postgresql", ["luat", "cong"])
    sql = str(statement.compile(dialect=postgresql.dialect()))
    assert ("to_tsvector('simple', d.title || ' ' || d.body) @@ to_tsquery('simple', "
            in sql)
    assert "ts_rank(setweight" in sql
    assert params == {"query": "luat:* & cong:*", "limit": search.MAX_HITS}
    assert "to_tsvector('simple', title || ' ' || body)" in PG_INDEX


def test_other_databases_fall_back_to_like():
    statement, params = search.search_statement("mysql", ["luat", "100%"])
    sql = str(statement.compile(compile_kwargs={"literal_binds": True}))
    assert "LIKE" in sql and "100/%" in sql and params == {}


@pytest.fixture
def imported(app):
    factories.gen_sample_content()
    return app


@pytest.mark.parametrize("query", ["Luật Công đoàn", "luat cong doan", "LUAT CONG DOAN",
                                   "luật công", "cong doan co so"])
def test_search_finds_with_and_without_diacritics(imported, query):
    hits = search.search(query)
    assert hits, query
    assert {h.course_id for h in hits}


def test_search_finds_lesson_text_and_ranks_titles_first(imported):
    hits = search.search("tien lai")  # "tiền lãi" appears in a lesson's body
    assert hits and all(hit.lesson_id is not None for hit in hits)
    assert search.search("khong co tu nay zzqx") == []


def test_catalog_search_only_shows_visible_courses_and_published_lessons(imported):
    trainee = factories.gen_user()
    entries = catalog(trainee, query="cong doan")
    # luat-cong-doan is a draft: trainees never see it, even when it matches best.
    assert [e.course.slug for e in entries] == ["bo-luat-lao-dong-2019"]
    admin = factories.gen_user(role="admin")
    slugs = [e.course.slug for e in catalog(admin, query="luat cong doan")]
    assert slugs[0] == "luat-cong-doan"


def test_catalog_search_lists_matching_lessons(imported):
    trainee = factories.gen_user()
    entries = catalog(trainee, query="tra luong cham")
    assert entries[0].course.slug == "bo-luat-lao-dong-2019"
    assert "Trả lương chậm" in [lesson.title for lesson in entries[0].matches]


def test_index_follows_updates_and_deletes(imported):
    lesson = db.session.scalar(sa.select(Lesson).where(Lesson.slug == "tra-luong-cham"))
    assert lesson.id in [h.lesson_id for h in search.search("bao truoc")]
    lesson.title, lesson.summary = "Bài về khế ước", ""
    lesson.body_md = "Nội dung mới hoàn toàn."
    refresh_lesson(lesson, stored_registry(), date.today())
    db.session.commit()
    assert [h.lesson_id for h in search.search("khe uoc")] == [lesson.id]
    assert lesson.id not in [h.lesson_id for h in search.search("bao truoc")]
    db.session.delete(db.session.scalar(sa.select(Course).where(
        Course.slug == "bo-luat-lao-dong-2019")))
    db.session.commit()
    assert search.search("khe uoc") == []


@pytest.mark.skipif(not os.environ.get("TEST_POSTGRES_URL"),
                    reason="set TEST_POSTGRES_URL to run the search against PostgreSQL")
def test_postgres_search_end_to_end(tmp_path, monkeypatch):
    from flask_migrate import upgrade

    from lms import create_app
    monkeypatch.setenv("DATABASE_URL", os.environ["TEST_POSTGRES_URL"])
    app = create_app({"TESTING": True, "SECRET_KEY": "t", "INSTANCE_PATH": str(tmp_path)})
    with app.app_context():
        db.drop_all()
        with db.engine.begin() as connection:
            connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        upgrade()
        factories.gen_sample_content()
        assert db.engine.dialect.name == "postgresql"
        for query in ("Luật Công đoàn", "luat cong doan", "tien lai"):
            assert search.search(query), query
        assert search.search("zzqx khong co") == []
        index = db.session.execute(sa.text(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_search_documents_tsv'")).scalar()
        assert "gin" in index
        db.session.remove()
        db.drop_all()
