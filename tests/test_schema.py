"""The committed JSON Schema is the contract: it must equal what the models generate."""

from __future__ import annotations

import json

import jsonschema
import pytest
from pydantic import ValidationError

from zhnews.pipeline.records import SCHEMA_VERSION, ArticleRecord, record_json_schema_text
from tests.conftest import ROOT

SCHEMA_FILE = ROOT / "schema" / "record.schema.json"


def test_committed_schema_equals_models() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == record_json_schema_text(), (
        "schema/record.schema.json differs from pipeline/records.py: bump SCHEMA_VERSION if the contract "
        "changed, then run `make schema`"
    )


def test_schema_version_is_in_the_schema() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["properties"]["schema_version"]["const"] == SCHEMA_VERSION


def test_sample_records_validate_against_json_schema(sample_records) -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for record in sample_records:
        validator.validate(json.loads(record.model_dump_json()))


def _record(**overrides):
    base = dict(
        id="x", source={"uri": "u", "sha256": "0" * 64, "encoding": "utf-8", "start": 0, "end": 4},
        text="永川区好", pipeline_version="0", gazetteer_version="0", segmenter="jieba",
    )
    base.update(overrides)
    return base


def test_span_must_index_the_record_text() -> None:
    good = {"text": "永川区", "start": 0, "end": 3, "source_start": 0, "source_end": 3, "id": "e", "entity_id": "E",
            "label": "GPE", "confidence": 0.9, "rule": "r"}
    ArticleRecord.model_validate(_record(entities=[good]))
    bad = dict(good, start=1, end=4)
    with pytest.raises(ValidationError, match="does not match the record text"):
        ArticleRecord.model_validate(_record(entities=[bad]))


def test_unknown_fields_are_rejected() -> None:
    with pytest.raises(ValidationError):
        ArticleRecord.model_validate(_record(surprise=1))


def test_span_order_length_and_subject_are_checked_by_the_record() -> None:
    """These checks moved from a validator per span to the record's one pass (issue 18): still refused."""
    q = {"text": "永川", "start": 0, "end": 2, "source_start": 0, "source_end": 2, "id": "q", "kind": "count",
         "value": 1.0, "confidence": 0.9, "rule": "r"}
    ArticleRecord.model_validate(_record(quantities=[q]))
    with pytest.raises(ValidationError, match="end before start"):
        ArticleRecord.model_validate(_record(quantities=[dict(q, source_start=2, source_end=1)]))
    with pytest.raises(ValidationError, match="length 2 != end-start"):
        ArticleRecord.model_validate(_record(quantities=[dict(q, end=3)]))
    sub = {"text": "区", "start": 2, "end": 3, "source_start": 2, "source_end": 3}
    ArticleRecord.model_validate(_record(quantities=[dict(q, subject="区", subject_span=sub)]))
    with pytest.raises(ValidationError, match="subject '好' != subject_span '区'"):
        ArticleRecord.model_validate(_record(quantities=[dict(q, subject="好", subject_span=sub)]))
    bad_sub = dict(sub, start=3, end=4, source_start=3, source_end=4)
    with pytest.raises(ValidationError, match="does not match the record text"):
        ArticleRecord.model_validate(_record(quantities=[dict(q, subject="区", subject_span=bad_sub)]))
