"""gazetteers/matcher.py maps a text to its words' alphabet before the Aho-Corasick pass (speed):
the matches must be exactly those of a plain automaton over the text as written."""

from __future__ import annotations

import random

import ahocorasick

from zhnews.gazetteers.matcher import LongestMatcher, WordScanner, brute_force_longest

# CJK, a full-width form, an astral ideograph, a lone surrogate and the scanner's own sentinels
ALPHABET = ["中", "国", "美", "方", "Ａ", "a", "\U00020000", "\ud800", "\U0010fffe", "\U0010ffff", " "]


def _plain(words: set[str], text: str) -> list[tuple[int, int]]:
    auto = ahocorasick.Automaton()
    for w in words:
        auto.add_word(w, len(w))
    auto.make_automaton()
    return list(auto.iter(text))


def _random_case(rng: random.Random, alphabet: list[str]) -> tuple[set[str], str]:
    words = {"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(1, 6))}
    text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
    return words, text


def test_scanner_equals_plain_automaton() -> None:
    rng = random.Random(11)
    for k in range(600):
        # without the astral character the text is mapped; with it, read as written
        alphabet = ALPHABET if k % 2 else [c for c in ALPHABET if c != "\U00020000"]
        words, text = _random_case(rng, alphabet)
        assert WordScanner({w: len(w) for w in words}).iter(text) == _plain(words, text), (words, text)


def test_scanner_repeats_the_last_text_and_never_mixes_texts() -> None:
    scanner = WordScanner({"中国": 2, "国": 1})
    first = scanner.iter("中国人")
    assert scanner.iter("中国人") == first == [(1, 2), (1, 1)]
    assert scanner.iter("美国") == [(1, 1)]
    assert scanner.iter("") == []


def test_longest_matcher_with_unicode_equals_brute_force() -> None:
    rng = random.Random(5)
    for k in range(400):
        alphabet = ALPHABET if k % 2 else [c for c in ALPHABET if c != "\U00020000"]
        words, text = _random_case(rng, alphabet)
        got = [(s, e) for s, e, _, _ in LongestMatcher({w: w for w in words}).find(text)]
        assert got == brute_force_longest(words, text), (words, text)
