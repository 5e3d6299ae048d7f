"""The archive views as database tables, beside the record tables of ``pipeline/db.py``.

``write_archive_tables(engine, records)`` recomputes who's who, the signing pairs and the numbers from the
records it is given and replaces these tables' rows in one transaction, so calling it again gives the same
rows. The tables have their own ``MetaData`` (no foreign key into ``articles``: they can be written to a
database that holds only them); they join on ``article_id`` = ``articles.id``. Pass every record the
database holds (e.g. the whole run after ``load_records``), since the views are archive-wide.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from zhnews.pipeline.archive import Archive
from zhnews.pipeline.records import ArticleRecord

metadata = sa.MetaData()

archive_persons = sa.Table(
    "archive_persons", metadata,
    sa.Column("person_id", sa.Text, primary_key=True),
    sa.Column("name", sa.Text, nullable=False, index=True),
    sa.Column("title_chains", sa.Text, nullable=False, comment="JSON list of [title chain, articles]"),
    sa.Column("organisations", sa.Text, nullable=False, comment="JSON list of organisations named in the titles"),
    sa.Column("first_seen", sa.Text),
    sa.Column("last_seen", sa.Text),
    sa.Column("articles", sa.Integer, nullable=False),
    sa.Column("untitled_ambiguous", sa.Boolean, nullable=False,
              comment="untitled mentions of a name that several titled persons share"),
)
archive_person_mentions = sa.Table(
    "archive_person_mentions", metadata,
    sa.Column("person_id", sa.Text, nullable=False, index=True),
    sa.Column("article_id", sa.Text, primary_key=True),
    sa.Column("start", sa.Integer, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("titles", sa.Text, nullable=False, comment="JSON list, as the article gives them"),
    sa.Column("date", sa.Text),
)
archive_signing_pairs = sa.Table(
    "archive_signing_pairs", metadata,
    sa.Column("party_a_key", sa.Text, primary_key=True, comment="kb:<gazetteer id> or the normalised name"),
    sa.Column("party_b_key", sa.Text, primary_key=True),
    sa.Column("party_a", sa.Text, nullable=False),
    sa.Column("party_b", sa.Text, nullable=False),
    sa.Column("signings", sa.Integer, nullable=False),
    sa.Column("objects", sa.Text, nullable=False, comment="JSON object: what was signed -> times"),
    sa.Column("first_date", sa.Text),
    sa.Column("last_date", sa.Text),
    sa.Column("article_ids", sa.Text, nullable=False, comment="JSON list"),
    sa.Column("signing_ids", sa.Text, nullable=False, comment="JSON list"),
)
archive_quantity_units = sa.Table(
    "archive_quantity_units", metadata,
    sa.Column("kind", sa.Text, primary_key=True),
    sa.Column("unit", sa.Text, primary_key=True, comment="empty when the quantity has no unit"),
    sa.Column("quantities", sa.Integer, nullable=False),
)
archive_months = sa.Table(
    "archive_months", metadata,
    sa.Column("month", sa.Text, primary_key=True, comment="YYYY-MM of the article date, or 'undated'"),
    sa.Column("articles", sa.Integer, nullable=False),
    sa.Column("signings", sa.Integer, nullable=False),
    sa.Column("money_quantities", sa.Integer, nullable=False),
    sa.Column("signed_amounts", sa.Text, nullable=False, comment="JSON object: unit -> sum of stated amounts"),
)
archive_largest_amounts = sa.Table(
    "archive_largest_amounts", metadata,
    sa.Column("article_id", sa.Text, primary_key=True),
    sa.Column("start", sa.Integer, primary_key=True),
    sa.Column("value", sa.Float, nullable=False),
    sa.Column("unit", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("subject", sa.Text),
    sa.Column("date", sa.Text),
)
ARCHIVE_TABLES = (archive_persons, archive_person_mentions, archive_signing_pairs, archive_quantity_units,
                  archive_months, archive_largest_amounts)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def archive_rows(archive: Archive) -> dict[str, list[dict]]:
    persons = archive.persons()
    rows: dict[str, list[dict]] = {t.name: [] for t in ARCHIVE_TABLES}
    for p in persons:
        rows["archive_persons"].append({
            "person_id": p.id, "name": p.name, "title_chains": _json([list(c) for c in p.title_chains]),
            "organisations": _json(p.orgs), "first_seen": p.first_seen, "last_seen": p.last_seen,
            "articles": len(p.articles), "untitled_ambiguous": p.untitled_ambiguous})
        for u in p.units:
            rows["archive_person_mentions"].append({"person_id": p.id, "article_id": u.record_id, "start": u.start,
                                                    "name": u.name, "titles": _json(list(u.titles)), "date": u.date})
    for pair in archive.signing_pairs():
        dates = sorted(pair.dates)
        rows["archive_signing_pairs"].append({
            "party_a_key": pair.a, "party_b_key": pair.b, "party_a": pair.name_a, "party_b": pair.name_b,
            "signings": pair.count, "objects": _json(dict(pair.objects)),
            "first_date": dates[0] if dates else None, "last_date": dates[-1] if dates else None,
            "article_ids": _json(list(dict.fromkeys(r for r, _, _ in pair.articles))),
            "signing_ids": _json([s for _, s, _ in pair.articles])})
    rows["archive_quantity_units"] = [{"kind": k, "unit": u, "quantities": n}
                                      for (k, u), n in sorted(archive.kind_unit.items())]
    rows["archive_months"] = [{
        "month": m, "articles": archive.articles_month[m], "signings": archive.signings_month[m],
        "money_quantities": archive.money_month[m],
        "signed_amounts": _json({u: v[m] for u, v in archive.signed_amount_month.items() if v.get(m)})}
        for m in archive.months()]
    seen: set[tuple[str, int]] = set()
    for a in archive.largest_amounts():
        if (a.record_id, a.start) not in seen:
            seen.add((a.record_id, a.start))
            rows["archive_largest_amounts"].append({"article_id": a.record_id, "start": a.start, "value": a.value,
                                                    "unit": a.unit, "text": a.text, "subject": a.subject,
                                                    "date": a.date})
    return rows


def write_archive_tables(engine: Engine | str, records: Iterable[ArticleRecord]) -> dict[str, int]:
    """Replace the archive tables' rows with the views of ``records``; returns rows per table.

    Call it after ``pipeline.db.load_records`` with the same records (all of the database's articles).
    """
    if isinstance(engine, str):
        engine = sa.create_engine(engine)
    archive = Archive()
    for record in records:
        archive.add(record)
    rows = archive_rows(archive)
    metadata.create_all(engine)
    with engine.begin() as conn:
        for table in ARCHIVE_TABLES:
            conn.execute(table.delete())
            if rows[table.name]:
                conn.execute(table.insert(), rows[table.name])
    return {name: len(r) for name, r in rows.items()}
