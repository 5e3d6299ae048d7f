"""Archive views: the who's-who merge rule, signing pairs, numbers, the DB tables, charts and doubt ranking."""

from __future__ import annotations

import hashlib

import pytest
import sqlalchemy as sa

from zhnews.pipeline.archive import build_archive, merge_pairs, sample_merges, split_title
from zhnews.pipeline.archive_db import write_archive_tables
from zhnews.pipeline.charts import bar_chart, network_chart
from zhnews.pipeline.records import ArticleRecord, Byline, Entity, Party, Source
from zhnews.pipeline.site_review import NameTally, RulePrecision, rank_review, record_review
from tests.downstream_fixtures import all_records, signing_record


def _span(text: str, needle: str, at: int = 0) -> dict:
    start = text.index(needle, at)
    return {"text": needle, "start": start, "end": start + len(needle), "source_start": start,
            "source_end": start + len(needle)}


def person_record(people: list[tuple[str, list[str]]], date: str | None, *, conf: float = 0.95,
                  reporters: list[str] | None = None, extra: str = "") -> ArticleRecord:
    """One article naming each (name, titles) once, as "<titles><name>出席。"."""
    text = "".join(f"{''.join(t)}{n}出席。" for n, t in people) + extra
    rid = hashlib.sha256((text + str(date)).encode()).hexdigest()[:20]
    entities, at = [], 0
    for k, (name, titles) in enumerate(people):
        sp = _span(text, "".join(titles) + name + "出席", at)
        name_at = sp["start"] + len("".join(titles))
        at = sp["end"]
        entities.append(Entity(**_span(text, name, name_at), id=f"{rid}:e{k}", entity_id=f"{rid}:E{k}",
                               label="PERSON", titles=titles, confidence=conf, rule="person.tagger"))
    return ArticleRecord(id=rid, source=Source(uri=f"file:///{rid}", sha256="0" * 64, encoding="utf-8", start=0,
                                               end=len(text)),
                         date=date, title=f"title {rid[:4]}", text=text, entities=entities,
                         byline=Byline(reporters=reporters or []),
                         pipeline_version="t", gazetteer_version="t", segmenter="jieba")


def test_split_title_uses_the_extractors_role_words() -> None:
    assert split_title("国家发展和改革委员会主任") == ("国家发展和改革委员会", "主任")
    assert split_title("总书记") == ("", "总书记")
    assert split_title("国务院总理") == ("国务院", "总理")


def test_same_name_compatible_titles_merge_and_unrelated_roles_stay_apart() -> None:
    records = [
        person_record([("王伟", ["重庆市副市长"])], "2020-01-01"),
        person_record([("王伟", ["重庆市市长"])], "2020-03-01"),  # same organisation: the same person
        person_record([("王伟", ["记者"])], "2020-02-01"),  # unrelated role: another person
        person_record([("王伟", ["本报记者"])], "2020-02-05"),  # bare role 记者 matches: the reporter again
        person_record([("李强", ["国务院总理"])], "2020-01-02"),
        person_record([("李强", [])], "2020-04-02"),  # untitled, one titled 李强: joins him
        person_record([("王伟", [])], "2020-05-02"),  # untitled, two titled 王伟: stays apart
        person_record([("李", [])], "2020-05-03"),  # a surname alone: nobody
    ]
    persons = build_archive(records).persons()
    wang = sorted((p for p in persons if p.name == "王伟"), key=lambda p: (p.untitled_ambiguous, p.first_seen))
    assert len(wang) == 3
    mayor, reporter, loose = wang
    assert sorted(c for c, _ in mayor.title_chains) == ["重庆市副市长", "重庆市市长"]
    assert mayor.first_seen == "2020-01-01" and mayor.last_seen == "2020-03-01" and len(mayor.articles) == 2
    assert mayor.orgs == ["重庆市"]
    assert sorted(c for c, _ in reporter.title_chains) == ["本报记者", "记者"]
    assert loose.untitled_ambiguous and len(loose.articles) == 1
    [li] = [p for p in persons if p.name == "李强"]
    assert len(li.articles) == 2 and li.last_seen == "2020-04-02"
    assert not [p for p in persons if p.name == "李"]
    assert len(merge_pairs(mayor)) == 1 and len(sample_merges(persons, n=10)) == 3  # mayor, reporter, 李强


def test_signing_pairs_numbers_and_months() -> None:
    archive = build_archive(all_records())
    pairs = archive.signing_pairs()
    assert len(pairs) == 2 * 2  # two parties on each side
    first = pairs[0]
    assert first.count == 1 and first.objects["国际化合作项目"] == 1 and first.dates == ["2023-12-13"]
    assert archive.kind_unit[("money", "元")] == 1 and archive.kind_unit[("count", "人")] == 1
    [amount] = archive.largest_amounts()
    assert amount.value == 200000 and amount.text == "约20万元"
    assert archive.signings_month["2023-12"] == 1 and archive.articles_month["undated"] == 3


def test_pairs_key_by_gazetteer_id_across_names() -> None:
    base = signing_record()
    s = base.signings[0]
    linked = s.model_copy(update={"parties_a": [Party(text="中国", kb_id="CN")], "parties_b": [Party(text="美国", kb_id="US")]})
    other = s.model_copy(update={"id": "x", "parties_a": [Party(text="中华人民共和国", kb_id="CN")],
                                 "parties_b": [Party(text="美国", kb_id="US")]})
    archive = build_archive([base.model_copy(update={"signings": [linked, other]})])
    [pair] = archive.signing_pairs()
    assert (pair.a, pair.b) == ("kb:CN", "kb:US") and pair.count == 2


def test_archive_tables_written_and_idempotent(tmp_path) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'a.sqlite'}")
    records = all_records() + [person_record([("王伟", ["重庆市副市长"])], "2020-01-01"),
                               person_record([("王伟", ["重庆市市长"])], "2020-03-01")]
    first = write_archive_tables(engine, records)
    again = write_archive_tables(engine, records)
    assert first == again and first["archive_signing_pairs"] == 4 and first["archive_largest_amounts"] == 1
    with engine.connect() as conn:
        rows = conn.execute(sa.text("select name, articles, first_seen, last_seen from archive_persons "
                                    "where name = '王伟'")).all()
        assert rows == [("王伟", 2, "2020-01-01", "2020-03-01")]
        n = conn.execute(sa.text("select count(*) from archive_signing_pairs")).scalar_one()
        assert n == 4
        months = dict(conn.execute(sa.text("select month, articles from archive_months")).all())
        assert months["2023-12"] == 1 and months["2020-01"] == 1


def test_charts_are_deterministic_svg_and_labels_are_not_markup() -> None:
    label = '--><script>alert(1)</script>'
    one = bar_chart(["a", label], [1, 2], "t")
    two = bar_chart(["a", label], [1, 2], "t")
    assert one == two and one.startswith("<svg") and "<script" not in one and "<!--" not in one
    assert "dc:date" not in one and "2026" not in one
    net = network_chart([("中国", "美国", 2), ("中国", label, 1), ("甲", "乙", 1)], "n")
    assert net.startswith("<svg") and "<script" not in net and net == network_chart(
        [("中国", "美国", 2), ("中国", label, 1), ("甲", "乙", 1)], "n")


def test_doubt_ranks_by_what_the_archive_knows() -> None:
    byline = person_record([("王迪", [])], "2020-01-01", conf=0.5, reporters=["王迪"])
    titled_elsewhere = person_record([("习近平", ["主席"])], "2020-01-02")
    bare = person_record([("习近平", [])], "2020-01-03", conf=0.59)
    odd = person_record([("华山松", [])], "2020-01-04", conf=0.58)
    sure_once = person_record([("张三丰", [])], "2020-01-05", conf=0.99)
    items = rank_review([byline, titled_elsewhere, bare, odd, sure_once])
    flagged = {i.text for i in items}
    assert "华山松" in flagged
    assert "王迪" not in flagged and "习近平" not in flagged and "张三丰" not in flagged
    [item] = [i for i in items if i.text == "华山松"]
    assert any("never with a title" in r for r in item.reasons)


def test_measured_precision_replaces_the_estimate() -> None:
    record = person_record([("张三丰", [])], "2020-01-05", conf=0.99)
    names = NameTally()
    names.add(record)
    assert record_review(record, names) == []
    bad = {"person.tagger": RulePrecision("person.tagger", 0.3, 40)}
    [item] = record_review(record, names, bad)
    assert item.doubt == pytest.approx(0.7) and "70%" in item.reasons[0]
    too_few = {"person.tagger": RulePrecision("person.tagger", 0.3, 5)}
    assert record_review(record, names, too_few) == []


def test_quantity_subject_and_signing_without_parties_are_explained() -> None:
    base = signing_record()
    s = base.signings[0].model_copy(update={"parties_a": [], "parties_b": []})
    items = record_review(base.model_copy(update={"signings": [s]}), NameTally())
    [sg] = [i for i in items if i.kind == "signing"]
    assert sg.reasons == ["a signing verb with no party named"]


def test_the_same_doubt_twice_in_an_article_is_one_item() -> None:
    record = person_record([("华山松", []), ("华山松", [])], "2020-01-04", conf=0.58)
    [item] = rank_review([record])
    assert item.start == record.entities[0].start and "2 times in this article" in item.reasons
