"""Hostile text in linear time (issue 18): every generator of scripts/bench_adversarial.py at 50 KB
through the whole pipeline and the report, under a generous bound (a guard against a hang, not a
timing claim), and the per-document time budget (E017: the document is an error, the run goes on)."""

from __future__ import annotations

import importlib.util
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.timing import best_of
from zhnews.pipeline import budget, extract_steps
from zhnews.pipeline.assemble import Settings
from zhnews.pipeline.batches import DOC_SECONDS_ENV, extract_documents
from zhnews.pipeline.config import ConfigError, resolve_options
from zhnews.pipeline.errors import E
from zhnews.pipeline.ingest import Document

_spec = importlib.util.spec_from_file_location("bench_adversarial", ROOT / "scripts" / "bench_adversarial.py")
bench = importlib.util.module_from_spec(_spec)
sys.modules["bench_adversarial"] = bench  # dataclasses look their module up there
_spec.loader.exec_module(bench)  # type: ignore[union-attr]

SIZE = 50_000
BOUND_SECONDS = 20.0


@pytest.fixture(scope="module")
def warm() -> None:
    """Gazetteers, segmenter and tagger loaded before any timing (the first document pays ~10 s for them)."""
    bench.run_pipeline([bench.make_document(bench.FALLBACK_TEXT, "warm", page=True, markup=False)])


@pytest.mark.parametrize("gen", bench.GENERATORS, ids=lambda g: g.name)
def test_generator_runs_in_bounded_time(gen, warm) -> None:
    text = gen.make(SIZE)
    assert 0.5 * SIZE <= len(text.encode("utf-8")) <= 1.1 * SIZE
    doc = bench.make_document(text, gen.name, page=gen.page, markup=gen.markup)
    t0 = time.perf_counter()
    seconds, records, errors = bench.run_pipeline([doc])
    assert time.perf_counter() - t0 < BOUND_SECONDS, f"{gen.name}: {seconds:.1f} s for 50 KB"
    assert not errors, errors
    assert bench.check_spans(records) == 0
    for record in records:  # each span also maps back into the document
        for span in [*record.entities, *record.quantities, *record.dates]:
            assert 0 <= span.source_start <= span.source_end <= len(text)


def test_bench_counts_mismatched_spans() -> None:
    """The spans check of the bench (and of the test above) can fail."""
    [record] = bench.run_pipeline([bench.make_document("2019年3月5日，重庆市政府签约。", "x", page=False,
                                                        markup=False)])[1]
    assert bench.check_spans([record]) == 0 and record.dates
    record.dates[0].text = "不对"
    assert bench.check_spans([record]) == 1


def _docs(n: int = 3, slow_at: int = 1) -> list[Document]:
    texts = [f"第{k}篇：重庆市政府与中国建筑集团有限公司{k + 1}日签约，总投资120亿元。" for k in range(n)]
    texts[slow_at] = "慢慢" + texts[slow_at]
    return [Document(uri=f"doc{k}.txt", text=t, sha256=str(k), encoding="utf-8", is_page=False)
            for k, t in enumerate(texts)]


@pytest.fixture
def slow_dates(monkeypatch) -> dict:
    """A dates stage that takes ``sleep`` seconds (default 8) on a document starting with 慢慢 (a hang's
    stand-in). Budgets in these tests are seconds, not milliseconds: this machine is often loaded 4x."""
    real = extract_steps.extract_dates
    setting = {"sleep": 8.0}

    def dates(text: str, article_date: str | None = None):
        if text.startswith("慢慢"):
            time.sleep(setting["sleep"])
        return real(text, article_date)

    monkeypatch.setattr(extract_steps, "extract_dates", dates)
    return setting


def _check_budget_result(records, errors, docs) -> None:
    assert [e.code for e in errors] == [E.TOO_SLOW.value]
    assert errors[0].uri == docs[1].uri and docs[1].uri in errors[0].message
    assert sorted(r.source.uri for r in records) == [docs[0].uri, docs[2].uri]


def test_budget_in_main_thread_interrupts_the_stage(slow_dates) -> None:
    """In the main thread the alarm stops the document inside the slow stage, not after it."""
    slow_dates["sleep"] = 60.0
    docs = _docs()
    t0 = time.perf_counter()
    records, errors = extract_documents(docs, Settings(), doc_seconds=3)
    assert time.perf_counter() - t0 < 30  # a check after the stage would come after 60 s
    _check_budget_result(records, errors, docs)
    assert "(in dates)" in errors[0].message
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is not budget._on_alarm


def test_budget_in_a_worker_thread_stops_at_the_next_stage(slow_dates) -> None:
    """Prefect and Dask run batches in threads, where signals cannot be used: the stage check stops it."""
    docs = _docs()
    out: dict = {}
    worker = threading.Thread(target=lambda: out.update(result=extract_documents(docs, Settings(), doc_seconds=4)))
    worker.start()
    worker.join(60)
    records, errors = out["result"]
    _check_budget_result(records, errors, docs)
    assert "(in quantities)" in errors[0].message


def test_no_budget_and_default_budget(slow_dates, monkeypatch) -> None:
    docs = _docs(2, slow_at=1)
    records, errors = extract_documents(docs, Settings(), doc_seconds=None)
    assert not errors and len(records) == 2
    monkeypatch.setenv(DOC_SECONDS_ENV, "4")  # what `zhnews run --doc-seconds 4` sets for its batches
    records, errors = extract_documents(docs, Settings())
    assert [e.code for e in errors] == [E.TOO_SLOW.value] and len(records) == 1


def test_budget_not_spent_by_fast_documents() -> None:
    records, errors = extract_documents(_docs(), Settings(), doc_seconds=30)
    assert not errors and len(records) == 3
    assert budget._state.deadline is None


def test_doc_seconds_in_config(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert resolve_options().doc_seconds == 120
    Path("zhnews.toml").write_text("[run]\ndoc_seconds = 7.5\n", encoding="utf-8")
    assert resolve_options().doc_seconds == 7.5
    assert resolve_options(doc_seconds=3).doc_seconds == 3  # the command line wins
    Path("zhnews.toml").write_text("[run]\ndoc_seconds = -1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="doc_seconds"):
        resolve_options()
    Path("zhnews.toml").write_text("[run]\ndoc_seconds = 'long'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="doc_seconds"):
        resolve_options()


def test_cli_flag() -> None:
    from zhnews.cli import build_parser

    parser = build_parser()
    assert parser.parse_args(["extract", "--doc-seconds", "2.5", "x.txt"]).doc_seconds == 2.5
    assert parser.parse_args(["run", "--doc-seconds", "0", "x.txt"]).doc_seconds == 0
    with pytest.raises(SystemExit):
        parser.parse_args(["run", "--doc-seconds", "-3", "x.txt"])


def _best_of(fn, arg, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        fn(arg)
        best = min(best, time.perf_counter() - t0)
    return best


def _html(n: int) -> str:
    return "<p>今天天气很好。<script>var a=1;" * n


def _dates(n: int) -> str:
    return "12月12日" * n


def _marks(n: int) -> list:
    from zhnews.pipeline.report import Mark

    return [Mark(k, k + 2, "QUANTITY") for k in range(0, 2 * n, 2)] + [Mark(k, k + 1, "DATE") for k in range(n)]


def _abbreviation_runs(n: int) -> list:
    from zhnews.pipeline.assemble import Settings, get_engine

    return get_engine(Settings()).gazetteer.match_abbreviations("京津冀上海市" * n)


def _foreign_chain(n: int) -> list:
    from zhnews.pipeline import extract_text

    return extract_text("约翰·史密斯" * n, page=False)


@pytest.mark.parametrize("name", ["blank_markup", "extract_dates", "choose_marks", "render_spans",
                                  "abbreviation_runs", "foreign_chain"])
def test_hot_spots_grow_linearly(name: str) -> None:
    """Four times the input takes about four times as long (quadratic code: sixteen). Best of three
    runs each, and a bound of 10x, so a busy machine does not fail it."""
    from zhnews.extractors.dates import extract_dates
    from zhnews.pipeline.normalise import blank_markup
    from zhnews.pipeline.report import choose_marks, render_spans

    cases = {
        "blank_markup": (lambda n: blank_markup(_html(n)), 3000),
        "extract_dates": (lambda n: extract_dates(_dates(n)), 1500),
        "choose_marks": (lambda n: choose_marks(_marks(n)), 3000),
        "render_spans": (lambda n: render_spans("3个" * n, _marks(n)[:n]), 4000),
        "abbreviation_runs": (_abbreviation_runs, 1000),  # every run was compared with every name: 16x
        "foreign_chain": (_foreign_chain, 300),  # a ·-joined name walked to the end from every dot
    }
    fn, n = cases[name]
    small, large = _best_of(fn, n), _best_of(fn, 4 * n)
    assert large < 10 * small, f"{name}: {small:.3f} s at n={n}, {large:.3f} s at 4n"


def _ctx(text: str):
    """The entity rules' context of ``text`` (segmented and tagged outside the timing: only the rule is timed)."""
    from zhnews.extractors.entities import default_gazetteer
    from zhnews.extractors.entity_text import build_ctx

    return build_ctx(text, None, default_gazetteer())


def _find_places(text: str):
    from zhnews.extractors.places import find_places

    ctx = _ctx(text)
    return lambda: find_places(ctx)


def _people_saying(n: int, given: int = 2, times: int = 1, rule: str = "person.byline"):
    """A text of ``n`` different names, each written ``times`` times (王伟伟说，...), its context, the names and
    a person at every mention."""
    from zhnews.extractors.people import PersonCand

    names = bench.distinct_names(n, given)
    units = [f"{name}说，" for name in names for _ in range(times)]
    people, at = [], 0
    for unit in units:
        people.append(PersonCand(at, at + given + 1, rule, 0.9))
        at += len(unit)
    return _ctx("".join(units)), names, people


def _repeated_mentions(n: int):
    from zhnews.extractors.entities import _repeated_mentions

    ctx, _, people = _people_saying(n)
    assert len(_repeated_mentions(ctx, people[:10], bytearray(len(ctx.norm)))) == 10  # the case timed: found
    return lambda: _repeated_mentions(ctx, people, bytearray(len(ctx.norm)))


def _pieces_of_names(n: int):
    from zhnews.extractors.person_consistency import pieces_of_names

    ctx, names, people = _people_saying(n)
    return lambda: pieces_of_names(ctx, people, names)


def _established_names(n: int, given: int):
    from zhnews.extractors.person_consistency import established_names

    ctx, _, people = _people_saying(n, given, times=2, rule="person.tagger")
    assert len(established_names(ctx, people[:20])) >= 5  # the case timed: names written twice are established
    return lambda: established_names(ctx, people)


def _bodies_named_after_people(n: int):
    from zhnews.extractors.people import PersonCand
    from zhnews.extractors.person_in_org import orgs_named_after_people

    unit = "北京李明基金会，上海、"
    ctx = _ctx(unit * n)
    people = [PersonCand(k * len(unit) + 2, k * len(unit) + 4, "person.tagger", 0.9) for k in range(n)]
    assert orgs_named_after_people(ctx, people[:1])  # the case timed: a body after a place
    return lambda: orgs_named_after_people(ctx, people)


def _foreign_names_after_tagged(n: int):
    """A foreign name found by a rule at each of ``n`` mentions, the tagger's shorter name at each."""
    from zhnews.extractors.entities import merge_people
    from zhnews.extractors.people import PersonCand
    from zhnews.extractors.tagger import TaggedName

    unit = "约翰·史密斯说，"
    ctx = _ctx(unit * n)
    ruled = [PersonCand(k * len(unit), k * len(unit) + 6, "person.title.foreign", 0.9) for k in range(n)]
    tagged = [TaggedName(k * len(unit), k * len(unit) + 2, "PER", 0.9) for k in range(n)]
    return lambda: merge_people(ctx, ruled, tagged)


def _zone_short_names(n: int):
    """``n`` zones of different names (王伟伟新区，...): each name is then looked for alone (雄安 for 雄安新区)."""
    from zhnews.extractors.place_short import doc_short_names

    units = [f"{name}新区，" for name in bench.distinct_names(n)]
    ctx = _ctx("".join(units))
    zones, at = [], 0
    for unit in units:
        zones.append((at, at + len(unit) - 1))
        at += len(unit)
    assert doc_short_names(ctx, zones[:1], bytearray(len(ctx.norm)))  # the case timed: the name found alone
    return lambda: doc_short_names(ctx, zones, bytearray(len(ctx.norm)))


def _names_after_foreign_titles(n: int):
    """A short name after a foreign country's title at each of ``n`` mentions (老挝总理通伦。)."""
    from zhnews.extractors.people_foreign import _foreign_titled_end

    unit = "老挝总理通伦。"
    ctx = _ctx(unit * n)
    names = [k * len(unit) + 4 for k in range(n)]
    assert _foreign_titled_end(ctx, names[0]) == names[0] + 2  # the case timed: the name read after the title
    return lambda: [_foreign_titled_end(ctx, q) for q in names]


def _photo_captions(n: int):
    """A page of ``n`` photo captions, each by another photographer (记者王伟伟摄), in one article."""
    from zhnews.pipeline.split import split_page

    page = "".join(f"记者{name}摄\n" for name in bench.distinct_names(n))
    assert len(split_page(page)[0].byline.photographers) == n  # the case timed: every name listed
    return lambda: split_page(page)


def _token_units(n: int):
    """The organisation rules' units of ``n`` port names (宁波港): each a gazetteer hit that regroups its tokens."""
    from zhnews.extractors.org_units import token_units

    ctx = _ctx("宁波港" * n)
    assert len(token_units(ctx)) != len(ctx.tokens)  # the case timed: hits regroup the tokens
    return lambda: token_units(ctx)


def _review_of_credited(n: int):
    """The report's review of an article whose ``n`` photographers are also named in its text as people."""
    from zhnews.pipeline.assemble import extract_text
    from zhnews.pipeline.site_review import NameTally, record_review

    names = bench.distinct_names(n)
    text = "".join(f"记者{name}摄\n" for name in names) + "".join(f"{name}说，" for name in names) + "。\n"
    record = extract_text(text, page=False)[0]
    assert len(record.byline.photographers) == n and sum(e.label == "PERSON" for e in record.entities) >= n
    tally = NameTally()
    tally.add(record)
    return lambda: record_review(record, tally)


# Each case: (a function of n returning the timed call, n). Built before timing, so the context's own
# (linear) cost does not hide the rule's growth.
_RULE_CASES = {
    "zones": (lambda n: _find_places("宁波港" * n), 2000),  # out rebuilt per zone (places._zones): 16x
    "zone_abbreviations": (lambda n: _find_places("中缅边境经济合作区，" * n), 1500),
    # one str.find over the whole text per distinct name (entities, person_consistency): 16x
    "repeated_mentions": (_repeated_mentions, 5000),
    "pieces_of_names": (_pieces_of_names, 5000),
    "established_names": (lambda n: _established_names(n, 2), 4000),  # a list's `in` per name
    "completed_names": (lambda n: _established_names(n, 1), 1000),  # two characters: a find per name
    "bodies_named_after_people": (_bodies_named_after_people, 2000),  # the places indexed per body: 16x
    "foreign_names_after_tagged": (_foreign_names_after_tagged, 2000),  # every tagged name read per name
    "zone_short_names": (_zone_short_names, 5000),  # a find per zone's name (place_short.doc_short_names)
    "names_after_foreign_titles": (_names_after_foreign_titles, 2000),  # every place's start listed per name
    "photo_captions": (_photo_captions, 3000),  # a list's `in` per photographer (pipeline/split.py)
    "org_token_units": (_token_units, 30000),  # a slice assignment per regrouped hit (org_units): 11.5x
    "review_of_credited_people": (_review_of_credited, 1000),  # the byline's names gathered per entity: 23x
}


@pytest.mark.parametrize("name", sorted(_RULE_CASES))
def test_rules_grow_linearly(name: str) -> None:
    """One rule on four times the text takes about four times as long (quadratic: sixteen): best of
    three, a bound of 10x (issue 18)."""
    make, n = _RULE_CASES[name]
    small, large = make(n), make(4 * n)
    t_small, t_large = best_of(small), best_of(large)  # the collector paused while timing
    assert t_large < 10 * t_small, f"{name}: {t_small:.3f} s at n={n}, {t_large:.3f} s at 4n"


def test_extract_command_reports_a_slow_document(tmp_path: Path, capsys, slow_dates) -> None:
    """`zhnews extract --doc-seconds`: the slow file is an E017 line naming it, the others still give records."""
    from zhnews.cli import main
    from zhnews.pipeline.errors import EXIT_PARTIAL

    names = []
    for doc in _docs():
        path = tmp_path / doc.uri
        path.write_text(doc.text, encoding="utf-8")
        names.append(str(path))
    assert main(["extract", "--doc-seconds", "4", *names]) == EXIT_PARTIAL
    out, err = capsys.readouterr()
    assert "[E017]" in err and names[1] in err and names[0] not in err
    assert sum(1 for line in out.splitlines() if line.startswith("{")) == 2


def test_nested_organisations_stop_growing() -> None:
    """A body repeated back to back chained each copy onto the one before as its unit: one ORG as long as the text,
    and time growing with it (issue 18). No organisation name is that long."""
    from zhnews.pipeline import extract_text

    record = extract_text("湖南省郴州市桂东县人民政府" * 200, page=False)[0]
    longest = max(e.end - e.start for e in record.entities if e.label == "ORG")
    assert longest <= 100, longest
