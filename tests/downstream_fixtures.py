"""Valid ArticleRecords built here, so the downstream tests (db, export, report) never need a pipeline run."""

from __future__ import annotations

import hashlib

from zhnews.pipeline.records import (
    ArticleRecord,
    Byline,
    DateExpr,
    Entity,
    ErrorEntry,
    Mark,
    Party,
    Signatory,
    Quantity,
    Signing,
    Source,
    Span,
)

SIGNING_TEXT = (
    "活动还举行了集中签约仪式。\n"
    "重庆水利电力职业技术学院、重庆城市职业学院等6所高校与老挝铁道技术学院、德国 GFM 教育集团"
    "12月11日在永川签订9个国际化合作项目，总投资约20万元。\n"
    "张智奎出席并致辞。"
)
XSS_TEXT = '警方通报<script>document.title="PWNED";document.body.setAttribute("data-pwned","1")</script>'\
    '<img src=x onerror="document.title=\'PWNED\'">一起事件，永川 & "重庆" 有3人受伤。'


def _span(text: str, needle: str, nth: int = 0) -> dict[str, object]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    end = start + len(needle)
    return {"text": needle, "start": start, "end": end, "source_start": start + 2, "source_end": end + 2}


def _rid(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def _source(rid: str) -> Source:
    return Source(uri=f"file:///pages/{rid}.txt", sha256="0" * 64, encoding="utf-8", start=0, end=100)


def signing_record(text: str = SIGNING_TEXT, title: str = "共建“长江工坊”集中签约") -> ArticleRecord:
    """One article with every kind of extraction, including a low-confidence one and a signing."""
    rid = _rid(title + text)

    def ent(needle: str, label: str, eid: str, conf: float = 0.9, **kw: object) -> Entity:
        sp = _span(text, needle)
        return Entity(**sp, id=f"{rid}:e{sp['start']}-{sp['end']}", entity_id=f"{rid}:{eid}", label=label,
                      confidence=conf, rule=f"test.{label.lower()}", **kw)

    entities = [
        ent("重庆水利电力职业技术学院", "ORG", "E1"),
        ent("重庆城市职业学院", "ORG", "E2"),
        ent("老挝铁道技术学院", "ORG", "E3", 0.55),
        ent("德国 GFM 教育集团", "ORG", "E4"),
        ent("永川", "GPE", "E5", kb_id="500118", canonical="永川区"),
        ent("张智奎", "PERSON", "E6", 0.4, titles=["区长"]),
    ]
    q1, q2, q3 = _span(text, "6所"), _span(text, "9个"), _span(text, "约20万元")
    quantities = [
        Quantity(**q1, id=f"{rid}:q{q1['start']}-{q1['end']}", kind="count", value=6, unit="所", subject="高校",
                 subject_span=Span(**_span(text, "高校")), confidence=0.95, rule="test.count"),
        Quantity(**q2, id=f"{rid}:q{q2['start']}-{q2['end']}", kind="count", value=9, unit="个",
                 subject="国际化合作项目", confidence=0.9, rule="test.count"),
        Quantity(**q3, id=f"{rid}:q{q3['start']}-{q3['end']}", kind="money", value=200000.0, approx="约",
                 unit="元", subject=None, confidence=0.5, rule="test.money"),
    ]
    d1 = _span(text, "12月11日")
    dates = [DateExpr(**d1, id=f"{rid}:d{d1['start']}-{d1['end']}", value="XXXX-12-11", confidence=0.9,
                      rule="test.md")]
    line = text.split("\n")[1]
    ev = _span(text, line)
    signings = [Signing(
        id=f"{rid}:s{ev['start']}",
        family="bilateral",
        parties_a=[Party(text="重庆水利电力职业技术学院", entity_id=f"{rid}:E1",
                         mention=Span(**_span(text, "重庆水利电力职业技术学院"))),
                   Party(text="重庆城市职业学院", entity_id=f"{rid}:E2")],
        parties_b=[Party(text="老挝铁道技术学院", entity_id=f"{rid}:E3"), Party(text="德国 GFM 教育集团", generic=False, carried=False)],
        signatories=[Signatory(name=Span(**_span(text, "张智奎")), entity_id=f"{rid}:E6", titles=["区长"],
                               represents="重庆城市职业学院")],
        count=9, object="国际化合作项目", date="XXXX-12-11", place="永川", evidence=[Span(**ev)],
        also_reported_in=["other-record"], confidence=0.8, rule="test.signing",
    )]
    return ArticleRecord(
        id=rid, source=_source(rid), date="2023-12-13", title=title, subtitle="副标题",
        byline=Byline(outlet="渝西都市报", reporters=["涂燕"], interns=["欧亚菲"]),
        marks=[Mark(kind="continuation", text="(上接1版)", source_start=0, source_end=6)],
        text=text, entities=entities, quantities=quantities, dates=dates, signings=signings,
        pipeline_version="0.1.0", gazetteer_version="test", segmenter="jieba",
    )


def xss_record() -> ArticleRecord:
    """An article whose title and text carry markup that must show as text and never run."""
    title = '<script>document.title="PWNED"</script><b>标题</b>'
    rid = _rid(title + XSS_TEXT)
    e = _span(XSS_TEXT, "永川")
    s = _span(XSS_TEXT, "<script>")
    q = _span(XSS_TEXT, "3人")
    return ArticleRecord(
        id=rid, source=_source(rid), title=title, text=XSS_TEXT,
        entities=[
            Entity(**e, id=f"{rid}:e{e['start']}", entity_id=f"{rid}:E1", label="GPE", confidence=0.9, rule="x"),
            # a span that covers markup: the highlighted text must be escaped too
            Entity(**s, id=f"{rid}:e{s['start']}", entity_id=f"{rid}:E2", label="ORG", confidence=0.3,
                   rule='<script>document.title="PWNED"</script>'),
        ],
        quantities=[Quantity(**q, id=f"{rid}:q{q['start']}", kind="count", value=3, unit="人",
                             subject='<i>受伤</i>', confidence=0.9, rule="x")],
        pipeline_version="0.1.0", gazetteer_version="test", segmenter="jieba",
    )


def plain_record(n: int) -> ArticleRecord:
    """An article with no extractions: what today's early pipeline gives for most articles."""
    text = f"第{n}篇没有任何抽取结果的文章。"
    rid = _rid(text)
    return ArticleRecord(id=rid, source=_source(rid), title=f"标题{n}", text=text,
                         pipeline_version="0.1.0", gazetteer_version="test", segmenter="jieba")


def sample_errors() -> list[ErrorEntry]:
    return [
        ErrorEntry(uri="file:///pages/broken.bin", code="E002", message="[E002] broken.bin: binary data, not text"),
        ErrorEntry(uri="file:///pages/a.jsonl", code="E005", message="[E005] <b>a.jsonl</b>:3: malformed JSON line",
                   line=3, byte_offset=120),
    ]


def all_records() -> list[ArticleRecord]:
    return [signing_record(), xss_record(), plain_record(1), plain_record(2)]
