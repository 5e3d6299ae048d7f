"""Decoding and input discovery: every bad input is one clear error entry, never an exception."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from zhnews.pipeline.errors import E
from zhnews.pipeline.ingest import Document, decode_bytes, iter_documents
from zhnews.pipeline.records import ErrorEntry
from zhnews.pipeline.errors import ZhnewsError
from tests.conftest import INPUTS, SAMPLE_PAGE


def _results(*paths) -> list:
    return list(iter_documents([str(p) for p in paths]))


@pytest.mark.parametrize("name,encoding", [
    ("page.gb18030.txt", "gb18030"),
    ("page.utf16.txt", "utf-16 (BOM)"),
    ("page.utf8-bom.txt", "utf-8 (BOM)"),
])
def test_encodings_decode_to_the_same_text(name: str, encoding: str, sample_text: str) -> None:
    [doc] = _results(INPUTS / name)
    assert isinstance(doc, Document)
    assert doc.encoding == encoding
    assert doc.text == sample_text


@pytest.mark.parametrize("name,code", [
    ("empty.txt", E.EMPTY), ("whitespace.txt", E.EMPTY), ("binary.bin", E.BINARY),
])
def test_bad_files_give_error_entries_naming_the_file(name: str, code: E) -> None:
    [err] = _results(INPUTS / name)
    assert isinstance(err, ErrorEntry)
    assert err.code == code.value
    assert name in err.message and name in err.uri


def test_binary_error_gives_byte_offset() -> None:
    [err] = _results(INPUTS / "binary.bin")
    assert err.byte_offset == 0


def test_undecodable_bytes_name_the_offset() -> None:
    data = "新闻".encode("utf-8") + b"\xff\xfe\xfd\x80" * 50 + bytes(range(1, 9)) * 40
    with pytest.raises(ZhnewsError) as info:
        decode_bytes(data, "bad.txt")
    assert info.value.code in (E.UNDECODABLE, E.BINARY)
    assert "bad.txt" in str(info.value)


def test_jsonl_bad_lines_cost_only_themselves() -> None:
    results = _results(INPUTS / "articles.jsonl")
    docs = [r for r in results if isinstance(r, Document)]
    errors = [r for r in results if isinstance(r, ErrorEntry)]
    assert [d.uri.rsplit("#", 1)[1] for d in docs] == ["a1", "a5"]
    assert docs[0].date == "2023-12-12" and docs[0].title == "重庆永川签约" and not docs[0].is_page
    assert [(e.code, e.line) for e in errors] == [
        (E.BAD_JSON.value, 2), (E.MISSING_FIELD.value, 3), (E.BAD_JSON.value, 4)]
    assert all("articles.jsonl" in e.message for e in errors)


def test_directory_is_recursive_and_sorted(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("乙。", encoding="utf-8")
    (tmp_path / "a.txt").write_text("甲。", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("丙。", encoding="utf-8")
    assert [Path(d.uri).name for d in _results(tmp_path)] == ["a.txt", "2.txt"]


def test_missing_path_is_an_error_entry(tmp_path: Path) -> None:
    [err] = _results(tmp_path / "nope.txt")
    assert err.code == E.NOT_FOUND.value and "nope.txt" in err.message


def test_unreadable_path_is_an_error_entry(tmp_path: Path) -> None:
    folder_as_file = tmp_path / "dir.jsonl"
    folder_as_file.mkdir()
    (folder_as_file / "x.txt").write_text("甲。", encoding="utf-8")
    results = _results(folder_as_file)
    assert [Path(r.uri).name for r in results] == ["x.txt"]


def test_stdin_text_and_jsonl() -> None:
    [doc] = list(iter_documents(["-"], stdin=io.BytesIO("一篇文章。".encode("gb18030"))))
    assert doc.text == "一篇文章。" and doc.uri == "<stdin>"
    results = list(iter_documents(["-"], stdin=io.BytesIO(b'{"id": "s1", "text": "\xe4\xb8\x80"}\n{bad\n')))
    assert isinstance(results[0], Document) and isinstance(results[1], ErrorEntry)


def test_sample_page_is_utf8() -> None:
    [doc] = _results(SAMPLE_PAGE)
    assert doc.encoding == "utf-8" and doc.is_page
