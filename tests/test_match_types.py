"""QuantityMatch, DateMatch, EntityMatch and the entity candidates are plain (not frozen) dataclasses for speed (extractors/types.py): they must
still compare and hash by their fields, so sets and dicts of matches behave as the frozen ones did."""

from __future__ import annotations

from dataclasses import replace

from zhnews.extractors.types import DateMatch, QuantityMatch


def test_quantity_matches_compare_and_hash_by_fields() -> None:
    a = QuantityMatch(0, 2, "3个", "count", 3.0, "quantity.unit", 0.9, unit="个")
    b = QuantityMatch(0, 2, "3个", "count", 3.0, "quantity.unit", 0.9, unit="个")
    c = replace(a, subject="项目", subject_start=2, subject_end=4)
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert c != a and c.subject == "项目" and a.subject is None  # replace makes a new match, a is unchanged


def test_date_matches_compare_and_hash_by_fields() -> None:
    a = DateMatch(0, 5, "1月31日", "XXXX-01-31", "date.md", 0.9)
    b = DateMatch(0, 5, "1月31日", "XXXX-01-31", "date.md", 0.9)
    assert a == b and hash(a) == hash(b) and {a: 1}[b] == 1
    assert replace(a, relative=True) != a


def test_gazetteer_hits_compare_and_hash_by_fields() -> None:
    """gazetteers.loader.Hit and entity_text.GazHit are plain dataclasses too (place-dense text, issue 18)."""
    from zhnews.extractors.entity_text import GazHit
    from zhnews.gazetteers.loader import Hit

    a, b = Hit(0, 2, "北京", "CN-11", "PROVINCE"), Hit(0, 2, "北京", "CN-11", "PROVINCE")
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1 and replace(a, end=3) != a
    g, h = GazHit(0, 2, "GPE", "CN-11", "北京市"), GazHit(0, 2, "GPE", "CN-11", "北京市")
    assert g == h and hash(g) == hash(h) and {g: 1}[h] == 1 and replace(g, label="LOC") != g


def test_entity_matches_and_candidates_compare_and_hash_by_fields() -> None:
    """EntityMatch, PersonCand, OrgCand and PlaceCand are plain dataclasses too (entity-dense text, issue 18)."""
    from zhnews.extractors.org_base import OrgCand
    from zhnews.extractors.people_base import PersonCand
    from zhnews.extractors.types import EntityMatch

    a = EntityMatch(0, 2, "北京", "GPE", "place.gazetteer", 0.9, "CN-11", "北京市", (), "GPE:kb:CN-11")
    b = EntityMatch(0, 2, "北京", "GPE", "place.gazetteer", 0.9, "CN-11", "北京市", (), "GPE:kb:CN-11")
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1 and replace(a, label="LOC") != a
    p, q = PersonCand(0, 2, "person.titled", 0.9, ("市长",)), PersonCand(0, 2, "person.titled", 0.9, ("市长",))
    assert p == q and hash(p) == hash(q) and {p: 1}[q] == 1 and replace(p, end=3) != p
    o, r = OrgCand(0, 4, "org.suffix", 0.8), OrgCand(0, 4, "org.suffix", 0.8)
    assert o == r and hash(o) == hash(r) and len({o, r}) == 1 and replace(o, label="LOC") != o
    from zhnews.extractors.places import PlaceCand

    g, h = PlaceCand(0, 2, "GPE", "place.gazetteer", 0.9, "CN-11"), PlaceCand(0, 2, "GPE", "place.gazetteer", 0.9, "CN-11")
    assert g == h and hash(g) == hash(h) and {g: 1}[h] == 1 and replace(g, end=3) != g


def test_signing_types_compare_and_hash_by_fields() -> None:
    """PartyRef, SigningParty, Signatory and SigningEvent are plain dataclasses too (signing-dense text, issue 18)."""
    from zhnews.extractors.signing_parties import Signatory, SigningEvent, SigningParty
    from zhnews.extractors.types import PartyRef

    a, b = PartyRef("重庆市政府", 0, 5), PartyRef("重庆市政府", 0, 5)
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1 and replace(a, end=4) != a
    p, q = SigningParty("中国", 0, 2, kb_id="ISO-CN"), SigningParty("中国", 0, 2, kb_id="ISO-CN")
    assert p == q and hash(p) == hash(q) and {p: 1}[q] == 1 and replace(p, carried=True) != p
    s, t = Signatory(a, ("市长",), "重庆市政府"), Signatory(b, ("市长",), "重庆市政府")
    assert s == t and hash(s) == hash(t) and replace(s, titles=()) != s
    e = SigningEvent((p,), (a,), ((0, 10),), "signing.direct", 0.8, family="direct", signatories=(s,))
    f = SigningEvent((q,), (b,), ((0, 10),), "signing.direct", 0.8, family="direct", signatories=(t,))
    assert e == f and hash(e) == hash(f) and len({e, f}) == 1 and replace(e, count=2) != e
