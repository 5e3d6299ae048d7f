"""The bad-input catalogue: each input gives the documented error entry or is handled, and none
stops the other documents of the run."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from zhnews.pipeline import extract_text
from zhnews.pipeline.assemble import Settings
from zhnews.pipeline.batches import extract_documents
from zhnews.pipeline.errors import E
from zhnews.pipeline.ingest import iter_documents
from tests.conftest import INPUTS, SAMPLE_PAGE

PAGE_TITLES = 3


def _run(paths: list[Path]):
    return extract_documents(iter_documents([str(p) for p in paths]), Settings())


def _one_error(folder: Path, name: str, data: bytes | str, code: E) -> dict:
    """The page beside the bad input still gives its 3 records; the bad input gives one entry."""
    shutil.copy(SAMPLE_PAGE, folder / "a-page.txt")
    bad = folder / name
    if isinstance(data, str):
        bad.write_text(data, encoding="utf-8")
    else:
        bad.write_bytes(data)
    records, errors = _run([folder / "a-page.txt", bad])  # named: read whatever the extension
    assert len(records) == PAGE_TITLES
    [error] = errors
    assert error.code == code.value and name in error.message
    return error.model_dump()


@pytest.mark.parametrize("name,data,code", [
    ("empty.txt", b"", E.EMPTY),
    ("blank.txt", b"  \n\t \r\n", E.EMPTY),
    ("fullwidth-blank.txt", "\u3000\u3000\n".encode("utf-8"), E.EMPTY),
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), E.BINARY),
    ("random.bin", bytes((i * 37 + 11) % 256 for i in range(5000)), E.BINARY),
])
def test_unusable_files_give_one_error(tmp_path: Path, name: str, data: bytes, code: E) -> None:
    error = _one_error(tmp_path, name, data, code)
    assert error["severity"] == "error"


def test_a_folder_yields_news_files_and_lists_the_others(tmp_path: Path) -> None:
    shutil.copy(SAMPLE_PAGE, tmp_path / "page.txt")
    (tmp_path / "README.md").write_text("# notes\n", encoding="utf-8")
    (tmp_path / "table.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (tmp_path / "one.json").write_text('{"text": "不是新闻"}', encoding="utf-8")
    records, errors = _run([tmp_path])
    assert len(records) == PAGE_TITLES
    assert sorted((Path(e.uri).name, e.code, e.severity) for e in errors) == [
        ("README.md", E.SKIPPED.value, "warning"), ("one.json", E.SKIPPED.value, "warning"),
        ("table.csv", E.SKIPPED.value, "warning")]
    records, errors = extract_documents(iter_documents([str(tmp_path)], globs=("*.txt", "*.md")), Settings())
    assert len(records) == PAGE_TITLES + 1 and {Path(e.uri).name for e in errors} == {"one.json", "table.csv"}


def test_binary_error_says_where(tmp_path: Path) -> None:
    error = _one_error(tmp_path, "image.png", b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(50), E.BINARY)
    assert error["byte_offset"] == 8 and "byte offset 8" in error["message"]


@pytest.mark.parametrize("name,encoding", [("page.gbk.txt", "gbk"), ("page.gb18030.txt", "gb18030"),
                                           ("page.utf16le.txt", "utf-16"), ("page.utf16be.txt", "utf-16-be-bom")])
def test_other_encodings_give_the_same_records(tmp_path: Path, name: str, encoding: str, sample_records) -> None:
    text = SAMPLE_PAGE.read_text(encoding="utf-8")
    data = ("\ufeff" + text).encode("utf-16-be") if encoding == "utf-16-be-bom" else text.encode(encoding)
    (tmp_path / name).write_bytes(data)
    records, errors = _run([tmp_path / name])
    assert not errors
    assert [r.id for r in records] == [r.id for r in sample_records]


def test_mostly_utf8_with_broken_bytes_is_repaired_with_a_warning(tmp_path: Path, sample_records) -> None:
    data = SAMPLE_PAGE.read_bytes()
    cut = data.index("老挝铁道技术学院".encode("utf-8")) + 1  # break one character in the middle
    broken = data[:cut] + b"\xff" + data[cut + 2:]
    (tmp_path / "broken.txt").write_bytes(broken)
    records, errors = _run([tmp_path / "broken.txt"])
    assert len(records) == 3
    [warning] = errors
    assert warning.code == E.REPAIRED.value and warning.severity == "warning" and "broken.txt" in warning.message
    assert records[0].source.encoding.startswith("utf-8 (repaired")
    assert "\ufffd" in records[0].text + records[2].text


def test_mixed_encodings_in_one_file_are_not_read_as_mojibake(tmp_path: Path) -> None:
    text = "永川区召开职业教育大会。" * 20
    mixed = text.encode("utf-8") + "重庆市商务委员会".encode("gbk") + text.encode("utf-8")
    (tmp_path / "mixed.txt").write_bytes(mixed)
    records, errors = _run([tmp_path / "mixed.txt"])
    assert records and records[0].text.startswith("永川区召开职业教育大会")
    assert [e.code for e in errors] == [E.REPAIRED.value]


def test_a_50mb_single_line_file_is_refused_clearly(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    big.write_bytes(("永川职业教育高质量发展" * 1_700_000).encode("utf-8"))  # 18.7M chars, 56 MB, one line
    assert big.stat().st_size > 50_000_000
    error = _one_error(tmp_path, "huge.txt", big.read_bytes(), E.TOO_LARGE)
    assert "limit" in error["message"] and "JSONL" in error["message"]


def test_traditional_characters_are_matched_and_offsets_kept() -> None:
    text = "重慶市商務委員會與老撾鐵道技術學院簽訂3個合作項目。"
    [record] = extract_text(text)
    assert record.text == text  # the record keeps the text as written
    quantities = [(q.text, q.value, q.unit) for q in record.quantities]
    assert ("3個", 3.0, "个") in quantities or any(q.value == 3.0 for q in record.quantities)
    labels = {e.text: e.label for e in record.entities}
    assert labels.get("重慶市") == "GPE" or labels.get("重慶市商務委員會") == "ORG"
    for span in record.spans():
        assert record.text[span.start:span.end] == span.text


def test_html_input_is_read_as_text_with_offsets_into_the_file(tmp_path: Path) -> None:
    html = ("<html><head><title>x</title><script>var a = '签订';</script></head><body>"
            "<p>12月12日,永川区与德国 GFM 教育集团签订3个合作项目&nbsp;。</p><p>全区已有大中专院校18所。</p></body></html>")
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    records, errors = _run([tmp_path / "page.html"])
    assert not errors
    text = "\n".join(r.text for r in records)
    assert "<" not in text and "var a" not in text
    assert "永川区与德国 GFM 教育集团签订3个合作项目" in text
    for record in records:
        for q in record.quantities:
            assert html[q.source_start:q.source_end] == q.text


def test_malformed_jsonl_lines_and_missing_fields(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "ok", "text": "全区已有大中专院校18所。"}, ensure_ascii=False), "{not json",
             json.dumps({"id": "no-text"}), json.dumps({"id": "blank", "text": "   "}), "[1, 2]"]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    records, errors = _run([tmp_path / "in.jsonl"])
    assert len(records) == 1
    assert [(e.code, e.line) for e in errors] == [(E.BAD_JSON.value, 2), (E.MISSING_FIELD.value, 3),
                                                 (E.MISSING_FIELD.value, 4), (E.BAD_JSON.value, 5)]


def test_unreadable_and_missing_paths(tmp_path: Path) -> None:
    shutil.copy(SAMPLE_PAGE, tmp_path / "a-page.txt")
    unreadable = tmp_path / "locked.txt"
    if os.geteuid() == 0:  # root reads anything chmod forbids: use a file whose read fails
        unreadable.symlink_to("/proc/self/mem")
    else:
        unreadable.write_text("永川。", encoding="utf-8")
        unreadable.chmod(0)
    records, errors = _run([tmp_path, tmp_path / "missing.txt"])
    assert len(records) == 3
    codes = sorted((Path(e.uri).name, e.code) for e in errors)
    assert codes == [("locked.txt", E.UNREADABLE.value), ("missing.txt", E.NOT_FOUND.value)]


def test_an_extractor_crash_costs_only_its_document(monkeypatch, tmp_path: Path) -> None:
    from zhnews.pipeline import assemble

    real = assemble.build_record

    def explode(doc, article, engine):
        if "boom" in doc.uri:
            raise RuntimeError("simulated bug")
        return real(doc, article, engine)

    monkeypatch.setattr(assemble, "build_record", explode)
    shutil.copy(SAMPLE_PAGE, tmp_path / "a-page.txt")
    (tmp_path / "boom.txt").write_text("永川。", encoding="utf-8")
    records, errors = _run([tmp_path])
    assert len(records) == 3
    [error] = errors
    assert error.code == E.INTERNAL.value and "simulated bug" in error.message and "boom.txt" in error.message


def test_jsonl_with_escaped_lone_surrogates(tmp_path: Path) -> None:
    line = '{"id": "x\\ud800", "title": "\\udfff标题", "text": "永川\\ud800区签订3个项目。"}'
    (tmp_path / "s.jsonl").write_text(line + "\n", encoding="utf-8")
    records, errors = _run([tmp_path / "s.jsonl"])
    assert not errors
    [record] = records
    assert record.text == "永川\ufffd区签订3个项目。" and record.title == "\ufffd标题"
    record.model_dump_json()
