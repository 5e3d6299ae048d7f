"""Word lists that decide how far a quantity's subject reaches (subject_modifiers.tsv, counted_heads.tsv),
loaded and checked once.

Kept apart from the package loader so the subject rules' data can grow without touching the shared loader;
the rows are read with its checked reader, so a malformed line raises ``QuantityDataError`` at import.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from zhnews.gazetteers.quantities import QuantityDataError, _rows

ROLES: frozenset[str] = frozenset({"modifier", "lead", "modal", "noun", "word", "predicate", "head", "adverb", "giver",
                                   "split"})


@dataclass(frozen=True, slots=True)
class SubjectWords:
    modifiers: frozenset[str]  # 黄色, 高龄: describe the noun after 的 (两只|黄色的检测手臂)
    leads: tuple[str, ...]  # 相对, 已: open such a modifier (longest first)
    modals: tuple[str, ...]  # 能, 拟: before a verb taking the amount (能做|1000多根), longest first
    nouns: frozenset[str]  # 国家和地区: one noun with a stop word inside
    modal_words: frozenset[str]  # 能源, 要求: words a modal character is part of
    predicates: frozenset[str]  # 出资, 安排: a verb right before the amount takes it as object
    head_verbs: frozenset[str]  # 支持, 授权: a verb that heads the counted phrase when it ends the run
    adverbs: frozenset[str]  # 逐步, 以外: end a counted noun read after the classifier
    counted_heads: dict[str, tuple[str, ...]]  # 个 -> (省份, 项目 …): nouns a classifier counts (counted_heads.tsv)
    givers: frozenset[str] = frozenset()  # 接待, 发放: a verb whose object is measured, cut even across a link
    splits: frozenset[str] = frozenset()  # 国共, 行将: dictionary nouns news splits (全国|共有, 银行|将)


@lru_cache(maxsize=1)
def subject_words() -> SubjectWords:
    by_role: dict[str, set[str]] = {r: set() for r in ROLES}
    for row in _rows("subject_modifiers.tsv", ("word", "role")):
        if row["role"] not in ROLES:
            raise QuantityDataError(f"subject_modifiers.tsv: bad role {row['role']!r} for {row['word']!r}")
        by_role[row["role"]].add(row["word"])
    heads: dict[str, set[str]] = {}
    for row in _rows("counted_heads.tsv", ("head", "units")):
        units = [u for u in row["units"].split(",") if u]
        if not units or any(len(u) != 1 for u in units):
            raise QuantityDataError(f"counted_heads.tsv: units of {row['head']!r} must be single classifiers")
        for u in units:
            heads.setdefault(u, set()).add(row["head"])
    return SubjectWords(frozenset(by_role["modifier"]), _longest(by_role["lead"]), _longest(by_role["modal"]),
                        frozenset(by_role["noun"]), frozenset(by_role["word"]), frozenset(by_role["predicate"]),
                        frozenset(by_role["head"]), frozenset(by_role["adverb"]),
                        {u: _longest(h) for u, h in heads.items()}, frozenset(by_role["giver"]),
                        frozenset(by_role["split"]))


def _longest(words: set[str]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))
