"""The speed shortcuts of issue 18 (second round) change nothing: subject_after's early exit at a position no
after-subject can start from, and clip_subjects' skip of a subject that no other quantity can reach into."""

from __future__ import annotations

import json
from bisect import bisect_left
from pathlib import Path

import pytest

from zhnews.extractors import quantity_subjects
from zhnews.extractors.quantities import _Mask, extract_quantities
from zhnews.extractors.quantity_subjects import subject_after
from zhnews.extractors.types import QuantityMatch

_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "corpus"


def _texts() -> list[str]:
    texts = [
        "新建泵站一座，抽水房一间。162名“学生资助宣传大使”和3个“一带一路”沿线国家，1000余元的返家路费。",
        "1000个亿元以上技改项目，60%人口和世界1/3，8条丁字路、断头路，两只黄色的检测手臂，iPhone 11两部。",
        "1至21至2" * 20 + "50%50%" * 20 + "3个5个" * 20 + "1.1.1." * 10 + "1,0001,000" * 10,
    ]
    for name in ("quantities.jsonl", "quantities.subjects.jsonl"):
        with (_FIXTURES / name).open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    for t in json.loads(line)["texts"][:2]:
                        texts.append(t if isinstance(t, str) else t["text"])
    return texts[:400]


_TEXTS = _texts()


def test_subject_after_is_the_same_without_the_early_exit(monkeypatch: pytest.MonkeyPatch) -> None:
    """At every position of every text, with and without via_de: the shortcut (a test of the first
    character) gives what the full reading gives."""
    def reads(text: str) -> list:
        hit = _Mask(len(text)).hit
        return [subject_after(text, k, hit, via_de=de) for k in range(len(text) + 1) for de in (False, True)]

    fast = [reads(t) for t in _TEXTS]
    class _Everything:  # every position read in full
        def __contains__(self, c: str) -> bool:
            return True

    monkeypatch.setattr(quantity_subjects, "_AFTER_START_OTHER", _Everything())
    slow = [reads(t) for t in _TEXTS]
    assert fast == slow
    assert any(s is not None for r in slow for s in r), "the texts must hold subjects, or this tests nothing"


def _skipped_and_untouched(found: list[QuantityMatch]) -> int:
    """How many subjects the shortcut skips; fails if another quantity lies inside a skipped one."""
    starts = [q.start for q in found]
    skipped = 0
    for q in found:
        if q.subject_start is None:
            continue
        s, e = q.subject_start, q.subject_end
        j = bisect_left(starts, s)
        if (j == len(found) or starts[j] >= e) and (j == 0 or found[j - 1] is q or found[j - 1].end <= s):
            skipped += 1
            assert not [p for p in found if p is not q and p.start < e and p.end > s], (q, found)
    return skipped


def test_clip_subjects_skips_only_subjects_nothing_reaches() -> None:
    skipped = sum(_skipped_and_untouched(sorted(extract_quantities(t), key=lambda q: q.start)) for t in _TEXTS)
    assert skipped > 0, "the shortcut must apply somewhere, or this tests nothing"
