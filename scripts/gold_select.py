"""Choose the articles of the hand-annotated gold sets and split them dev/test, once and reproducibly.

Why a global split: an article is test (or dev) for every set, so tuning one extractor on dev never
looks at another set's test articles. Why hashing ids: the split does not depend on file order.
The result is committed as fixtures/gold/articles.json; re-running this script must reproduce it.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "news_real.jsonl"
OUT = ROOT / "fixtures" / "gold" / "articles.json"
SEED = 20261206
TEST_SHARE = 0.4
SIGNING_WORDS = re.compile(r"签约|签署|签订|签字|签下|签了|达成[^。]{0,12}协议|缔结")
STRONG_SIGNING = re.compile(r"签约|签署了|签订了|签署.{0,20}(协议|备忘录|合同)|签订.{0,20}(协议|合同)|签约仪式")
DIGIT_RUN = re.compile(r"[0-9０-９]+")


def is_test(doc_id: str) -> bool:
    digest = hashlib.sha256(f"zhnews-gold:{doc_id}".encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < TEST_SHARE


def pick(rng: random.Random, pool: list[str], n: int) -> list[str]:
    return sorted(rng.sample(pool, n))


def main() -> int:
    if not CORPUS.exists():
        print(f"gold_select: {CORPUS} is absent (../shared/corpus/news_real.jsonl beside the project)", file=sys.stderr)
        return 1
    rows = [json.loads(line) for line in CORPUS.open(encoding="utf-8")]
    usable = [r for r in rows if 200 <= len(r["text"]) <= 3500]
    rng = random.Random(SEED)

    def pools(rows_: list[dict]) -> tuple[list[str], list[str]]:
        ids = [r["id"] for r in rows_]
        return [i for i in ids if not is_test(i)], [i for i in ids if is_test(i)]

    ent_dev, ent_test = pools(usable)
    numeric = [r for r in usable if len(DIGIT_RUN.findall(r["text"])) >= 8]
    q_dev, q_test = pools(numeric)
    signing = [r for r in usable if SIGNING_WORDS.search(r["text"])]
    s_dev, s_test = pools(signing)
    no_signing = [r for r in usable if not SIGNING_WORDS.search(r["text"])]
    n_dev, n_test = pools(no_signing)
    # Negatives: half mention 签 in another sense (签证, 签名, 签约医生), half are ordinary articles.
    tricky = [r for r in no_signing if "签" in r["text"]]
    t_dev, t_test = pools(tricky)

    chosen = {
        "entities": {"dev": pick(rng, ent_dev, 78), "test": pick(rng, ent_test, 52)},
        "quantities": {"dev": pick(rng, q_dev, 36), "test": pick(rng, q_test, 28)},
        "signings": {"dev": pick(rng, s_dev, 66), "test": pick(rng, s_test, 44)},
    }
    neg_dev = pick(rng, t_dev, min(15, len(t_dev)))
    neg_test = pick(rng, t_test, min(12, len(t_test)))
    neg_dev += pick(rng, [i for i in n_dev if i not in neg_dev], 33 - len(neg_dev))
    neg_test += pick(rng, [i for i in n_test if i not in neg_test], 22 - len(neg_test))
    chosen["signings_negative"] = {"dev": sorted(neg_dev), "test": sorted(neg_test)}
    # Added after the first batches: 110 articles gave too few events for a test split of >= 60 events.
    # More articles whose wording points to a done signing (signed, ceremony, signed agreement), drawn
    # from the same dev/test pools; the first picks above stay as they were.
    taken = {i for split in chosen.values() for ids in split.values() for i in ids}
    strong = [r for r in usable if STRONG_SIGNING.search(r["text"]) and r["id"] not in taken]
    m_dev, m_test = pools(strong)
    chosen["signings_more"] = {"dev": pick(rng, m_dev, min(100, len(m_dev))), "test": pick(rng, m_test, min(100, len(m_test)))}
    # Round 2 (third session): the test splits above were scored once and are now tuning data (dev and
    # test alike). A fresh held-out split, "test2", from articles no set had taken, drawn with its own seed
    # before any tuning on it; the dev/test hash does not apply (the hash-test pool of signings was used up).
    taken = {i for split in chosen.values() for ids in split.values() for i in ids}
    rng2 = random.Random(SEED + 1)
    fresh = [r for r in rows if r["id"] not in taken]
    fresh_usable = [r for r in fresh if 200 <= len(r["text"]) <= 3500]
    ent2 = pick(rng2, [r["id"] for r in fresh_usable], 54)
    q_pool = [r["id"] for r in fresh_usable if len(DIGIT_RUN.findall(r["text"])) >= 8 and r["id"] not in ent2]
    q2 = pick(rng2, q_pool, 18)
    used2 = set(ent2) | set(q2)
    s_fresh = [r for r in fresh if 200 <= len(r["text"]) <= 6000 and r["id"] not in used2]
    s_strong = [r["id"] for r in s_fresh if STRONG_SIGNING.search(r["text"])]
    s_weak = [r["id"] for r in s_fresh if SIGNING_WORDS.search(r["text"]) and r["id"] not in s_strong]
    s_none = [r["id"] for r in s_fresh if not SIGNING_WORDS.search(r["text"]) and len(r["text"]) <= 3500]
    s_tricky = [i for i in s_none if "签" in next(r["text"] for r in s_fresh if r["id"] == i)]
    neg2 = pick(rng2, s_tricky, min(8, len(s_tricky)))
    neg2 += pick(rng2, [i for i in s_none if i not in neg2], 20 - len(neg2))
    chosen["entities_round2"] = {"test2": ent2}
    chosen["quantities_round2"] = {"test2": q2}
    chosen["signings_round2"] = {"test2": sorted(s_strong + pick(rng2, s_weak, min(30, len(s_weak))) + neg2)}
    # Round 3 (end of the third session, before any tuning on it): test2 was scored once and is spent. A third
    # held-out split for entities and quantities, from articles no set had taken. Signings have none: only 3
    # untaken articles word a done signing, far from the 60 events a test split needs.
    taken = {i for split in chosen.values() for ids in split.values() for i in ids}
    rng3 = random.Random(SEED + 2)
    fresh3 = [r for r in rows if r["id"] not in taken and 200 <= len(r["text"]) <= 3500]
    ent3 = pick(rng3, [r["id"] for r in fresh3], 54)
    q3 = pick(rng3, [r["id"] for r in fresh3 if len(DIGIT_RUN.findall(r["text"])) >= 8 and r["id"] not in ent3], 18)
    chosen["entities_round3"] = {"test3": ent3}
    chosen["quantities_round3"] = {"test3": q3}
    doc = {
        "about": "Articles of ../shared/corpus/news_real.jsonl chosen for the gold sets (scripts/gold_select.py). "
        "An article is dev or test for every set alike (hash of its id); test is scored once, at the end.",
        "seed": SEED,
        "test_share": TEST_SHARE,
        "sets": chosen,
    }
    text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    if "--check" in sys.argv:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("gold_select: articles.json reproduces" if same else "gold_select: articles.json differs")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    for name, split in chosen.items():
        print(name, {k: len(v) for k, v in split.items()})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
