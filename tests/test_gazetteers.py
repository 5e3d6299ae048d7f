"""Gazetteer loading, validation, matching, linking, user entries and reproducible builds."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from zhnews.gazetteers import GazetteerError, Hit, load_gazetteer
from zhnews.gazetteers.loader import BUILTIN_FILES, DATA_DIR, ENTITY_LABELS, TYPES, _parse_entries
from zhnews.gazetteers.matcher import LongestMatcher, brute_force_longest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "fixtures" / "pages" / "000_ebd6c998439410a8.txt"
GENERATED = ("countries.tsv", "divisions.tsv", "jieba_places.tsv", "guard_words.tsv")


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.fixture(scope="module")
def sample_hits(gaz):
    text = SAMPLE.read_text(encoding="utf-8")
    return text, gaz.match(text), gaz.match_abbreviations(text)


# ---------------------------------------------------------------- the sample page


@pytest.mark.parametrize(
    "surface, kb_id",
    [
        ("永川", "CN-500118"), ("永川区", "CN-500118"), ("重庆", "CN-500000"), ("重庆市", "CN-500000"),
        ("四川", "CN-510000"), ("四川省", "CN-510000"), ("自贡市", "CN-510300"), ("成都", "CN-510100"),
        ("马来西亚", "ISO-MY"), ("老挝", "ISO-LA"), ("印尼", "ISO-ID"), ("泰国", "ISO-TH"),
        ("柬埔寨", "ISO-KH"), ("越南", "ISO-VN"), ("德国", "ISO-DE"),
    ],
)
def test_sample_page_places_are_matched_with_kb_id(sample_hits, surface, kb_id):
    text, hits, _ = sample_hits
    found = [h for h in hits if h.surface == surface]
    assert found, f"{surface} not matched on the sample page"
    assert {h.entry_id for h in found} == {kb_id}
    for h in found:
        assert text[h.start:h.end] == surface


def test_sample_page_chuan_yu_is_two_abbreviations(sample_hits, gaz):
    text, _, abbr = sample_hits
    pairs = [(a, b) for a, b in zip(abbr, abbr[1:]) if a.end == b.start and text[a.start:b.end] == "川渝"]
    assert pairs, "川渝 not split into 川 + 渝"
    first, second = pairs[0]
    assert (first.entry_id, second.entry_id) == ("ABBR-川", "ABBR-渝")
    assert gaz.entries["ABBR-川"].parent == "CN-510000"
    assert gaz.entries["ABBR-渝"].parent == "CN-500000"


def test_hits_are_sorted_non_overlapping_and_exact(sample_hits, gaz):
    text, hits, abbr = sample_hits
    for group in (hits, abbr):
        for h in group:
            assert isinstance(h, Hit)
            assert text[h.start:h.end] == h.surface
            assert h.type == gaz.entries[h.entry_id].type
        assert all(a.end <= b.start for a, b in zip(group, group[1:]))


# ---------------------------------------------------------------- linking


def test_long_and_short_forms_link_to_one_id(gaz):
    for long, short, kb in [
        ("老挝人民民主共和国", "老挝", "ISO-LA"),
        ("永川区", "永川", "CN-500118"),
        ("广西壮族自治区", "广西", "CN-450000"),
        ("柬埔寨王国", "柬埔寨", "ISO-KH"),
        ("大韩民国", "韩国", "ISO-KR"),
        ("东南亚国家联盟", "东盟", None),
    ]:
        a, b = gaz.match(long), gaz.match(short)
        assert len(a) == 1 and len(b) == 1, (long, short, a, b)
        assert a[0].entry_id == b[0].entry_id
        if kb:
            assert a[0].entry_id == kb


def test_cambodia_typo_is_fixed_and_recorded_as_data(gaz):
    assert gaz.lookup("柬埔塞") == []
    assert gaz.entries["ISO-KH"].name == "柬埔寨"
    overrides = (DATA_DIR / "places" / "country_overrides.tsv").read_text(encoding="utf-8")
    assert "柬埔塞\t柬埔寨" in overrides


def test_ambiguous_name_resolved_by_context(gaz):
    # 江北区 exists in 重庆 (500105) and 宁波 (330205).
    assert {e.id for e in gaz.lookup("江北区")} >= {"CN-500105", "CN-330205"}
    assert gaz.match("重庆市江北区")[-1].entry_id == "CN-500105"
    assert gaz.match("宁波市江北区")[-1].entry_id == "CN-330205"


def test_leftmost_longest_prefers_full_name(gaz):
    hits = gaz.match("重庆市永川区")
    assert [(h.surface, h.entry_id) for h in hits] == [("重庆市", "CN-500000"), ("永川区", "CN-500118")]


def test_blockers_hide_false_friends(gaz):
    assert not any(h.entry_id == "ISO-HT" for h in gaz.match("东部沿海地区"))
    assert gaz.match("海地")[0].entry_id == "ISO-HT"
    assert gaz.match_abbreviations("新京报记者") == []


def test_abbreviations_need_a_run(gaz):
    assert [h.surface for h in gaz.match_abbreviations("京津冀协同发展")] == ["京", "津", "冀"]
    assert gaz.match_abbreviations("他在川西工作") == []
    # A run inside a longer name that is not made of abbreviations is not one (新津县).
    assert gaz.match_abbreviations("成都市新津县") == []


def test_segmentation_independent(gaz):
    # jieba cuts 在永召开 / 永川区委 differently; character matching does not care.
    assert any(h.entry_id == "CN-500118" for h in gaz.match("永川区委副书记"))


# ---------------------------------------------------------------- data files


def test_no_one_character_normal_alias(gaz):
    for e in gaz.entries.values():
        if e.type == "ABBR":
            assert len(e.name) == 1 and e.parent and gaz.entries[e.parent].type == "PROVINCE"
        else:
            assert all(len(s) >= 2 for s in e.surfaces), e


def test_all_entries_valid(gaz):
    assert len(gaz.entries) > 3000
    for e in gaz.entries.values():
        assert e.type in TYPES
        assert ENTITY_LABELS[e.type] in {"GPE", "LOC", "ORG"}
        if e.parent is not None:
            assert e.parent in gaz.entries
        assert e.source in BUILTIN_FILES


def test_division_hierarchy(gaz):
    assert gaz.entries["CN-500118"].parent == "CN-500000"
    assert gaz.entries["CN-510300"].parent == "CN-510000"
    assert gaz.entries["CN-510000"].parent == "ISO-CN"
    assert gaz.entries["CN-510300"].type == "PREFECTURE"
    assert gaz.entries["CN-500118"].type == "COUNTY"
    assert gaz.ancestors("CN-500118") == {"CN-500000", "ISO-CN"}


def test_short_forms_of_common_words_are_not_generated(gaz):
    for word in ("城区", "郊区", "新城", "和平", "双城", "平原"):
        assert all(e.type not in {"PREFECTURE", "COUNTY"} for h in gaz.match(word) for e in [gaz.entries[h.entry_id]]), word


def test_hand_curated_orgs_and_regions(gaz):
    for surface, type_ in [
        ("东盟", "ORG"), ("联合国", "ORG"), ("商务部", "ORG"), ("国务院", "ORG"), ("外交部", "ORG"),
        ("世界卫生组织", "ORG"), ("中国共产党", "ORG"), ("全国人大", "ORG"), ("全国政协", "ORG"),
        ("人民日报社", "ORG"), ("长江", "LOC"), ("黄河", "LOC"), ("成渝地区", "REGION"),
        ("粤港澳大湾区", "REGION"), ("京津冀", "REGION"),
    ]:
        hits = gaz.match(surface)
        assert len(hits) == 1 and hits[0].surface == surface and hits[0].type == type_, (surface, hits)
    assert gaz.entries[gaz.lookup("商务部")[0].id].parent == gaz.lookup("国务院")[0].id
    assert gaz.lookup("世卫组织")[0].id == gaz.lookup("世界卫生组织")[0].id


def test_user_words_tags(gaz):
    words = dict(gaz.user_words())
    assert words["永川"] == "ns" and words["商务部"] == "nt" and words["老挝"] == "ns"
    assert all(len(w) >= 2 for w in words)


def test_version_is_stable_hex(gaz):
    assert gaz.version == load_gazetteer().version
    assert len(gaz.version) == 16 and int(gaz.version, 16) >= 0


# ---------------------------------------------------------------- validation errors


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize(
    "body, line, problem",
    [
        ("id\ttype\tname\nX-1\tCITY\t某市\n", 2, "unknown type"),
        ("id\ttype\tname\tcolour\nX-1\tORG\t某会\tred\n", 1, "unknown column"),
        ("id\ttype\tname\nX-1\tORG\t某会\nX-2\tORG\n", 3, "expected 3 fields"),
        ("id\ttype\tname\n# comment\nX 1\tORG\t某会\n", 3, "bad id"),
        ("id\ttype\tname\taliases\nX-1\tPROVINCE\t某省\t某\n", 2, "one-character"),
        ("id\ttype\tname\nX-1\tABBR\t某某\n", 2, "single characters"),
        ("id\ttype\n", 1, "missing required"),
    ],
)
def test_bad_row_names_file_and_line(tmp_path, body, line, problem):
    path = _write(tmp_path, "bad.tsv", body)
    with pytest.raises(GazetteerError) as err:
        _parse_entries(path, "bad.tsv", path.read_bytes(), user=False)
    assert err.value.line == line
    assert str(path) in str(err.value) and f":{line}:" in str(err.value)
    assert problem in str(err.value)


def test_bad_user_file_raises_with_line(tmp_path):
    path = _write(tmp_path, "team.csv", "name,type\n永川新区,REGION\n某地,PLANET\n")
    with pytest.raises(GazetteerError, match=r"team\.csv:3: unknown type"):
        load_gazetteer([path])


def test_unknown_parent_and_duplicate_id(tmp_path):
    path = _write(tmp_path, "team.tsv", "name\ttype\tid\tparent\n某新区\tREGION\tU-1\tCN-999999\n")
    with pytest.raises(GazetteerError, match=r"team\.tsv:2: unknown parent"):
        load_gazetteer([path])
    path2 = _write(tmp_path, "team2.tsv", "name\ttype\tid\n某机构\tORG\tCN-500118\n")
    with pytest.raises(GazetteerError, match="duplicate id"):
        load_gazetteer([path2])


# ---------------------------------------------------------------- user entries


def test_user_entry_changes_match_output(tmp_path, gaz):
    text = "双福新区管委会与渝西都市报签约"
    before = gaz.match(text)
    assert not any(h.surface == "双福新区" for h in before)
    path = _write(tmp_path, "team.csv", "name,type,aliases,id\n双福新区,REGION,双福|双福新城,TEAM-SF\n渝西都市报,ORG,,\n")
    user = load_gazetteer([path])
    after = user.match(text)
    assert [(h.surface, h.entry_id) for h in after][:1] == [("双福新区", "TEAM-SF")]
    assert any(h.surface == "渝西都市报" and h.type == "ORG" and h.entry_id.startswith("USER-") for h in after)
    assert user.version != gaz.version
    assert ("双福新区", "ns") in user.user_words() and ("渝西都市报", "nt") in user.user_words()
    assert user.lookup("双福")[0].id == "TEAM-SF"
    assert load_gazetteer([path]) is user  # cached per extra-path set
    assert load_gazetteer() is gaz


def test_user_file_extends_existing_entry(tmp_path):
    path = _write(tmp_path, "team.tsv", "id\tname\ttype\taliases\nCN-500118\t永川区\tCOUNTY\t永川城区|棠城\n")
    g = load_gazetteer([path])
    assert g.match("棠城")[0].entry_id == "CN-500118"
    assert "棠城" in g.entries["CN-500118"].aliases


# ---------------------------------------------------------------- matcher


def test_matcher_equals_brute_force():
    rng = random.Random(7)
    for _ in range(400):
        words = {"".join(rng.choice("abc") for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 6))}
        text = "".join(rng.choice("abcd") for _ in range(rng.randint(0, 20)))
        got = [(s, e) for s, e, _, _ in LongestMatcher({w: w for w in words}).find(text)]
        assert got == brute_force_longest(words, text), (words, text)


# ---------------------------------------------------------------- reproducible build


def test_build_script_regenerates_committed_files(tmp_path):
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_gazetteers.py"), "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    for name in GENERATED:
        built = (tmp_path / name).read_bytes()
        committed = (DATA_DIR / "places" / name).read_bytes()
        assert built == committed, f"places/{name} differs from a fresh build: run scripts/build_gazetteers.py"


# ---------------------------------------------------------------- guards, cities, bench


@pytest.mark.parametrize(
    "text, surface, kb_id",
    [
        ("构建创新平台", "新平", "CN-530427"),  # 创新|平台 around 新平
        ("祝愿祖国繁荣昌盛", "荣昌", "CN-500153"),  # 繁荣昌盛
        ("国家农业示范县", "范县", "CN-410926"),  # 示范县
    ],
)
def test_guard_words_drop_county_inside_common_words(gaz, text, surface, kb_id):
    assert kb_id in {e.id for e in gaz.lookup(surface)}  # the name is known ...
    assert gaz.match(surface)[0].entry_id == kb_id  # ... and matched on its own ...
    assert all(h.entry_id != kb_id for h in gaz.match(text))  # ... but not inside the common word


def test_vetoed_short_form_does_not_hide_next_name(gaz):
    # 扬中 (扬中市) is vetoed by 弘扬; 中国 must still be found.
    assert [(h.surface, h.entry_id) for h in gaz.match("弘扬中国精神")] == [("中国", "ISO-CN")]
    assert [h.entry_id for h in gaz.match("重庆荣昌")] == ["CN-500000", "CN-500153"]


def test_world_cities_link_to_country(gaz):
    hit = gaz.match("马来西亚北吉隆坡学院")
    assert [h.surface for h in hit] == ["马来西亚", "吉隆坡"]
    assert gaz.entries[hit[1].entry_id].parent == "ISO-MY"


def test_bench_script_exits_cleanly_without_corpus(tmp_path):
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench_gazetteers.py"), "--corpus", str(tmp_path / "none.jsonl")],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 0
    assert "not found" in proc.stdout


@pytest.mark.parametrize(
    "text, surface",
    [("占济南市场的七成", "济南"), ("武汉市民可以", "武汉"), ("广州市民政局", "广州市"), ("济南市委", "济南市")],
)
def test_trim_rules(gaz, text, surface):
    hits = gaz.match(text)
    assert hits and hits[0].surface == surface
    assert text[hits[0].start:hits[0].end] == surface


def test_bad_trim_row_names_file_and_line(tmp_path):
    from zhnews.gazetteers.loader import _parse_trims

    path = _write(tmp_path, "trims.tsv", "ending\tfollowing\texcept_following\n市\t场\t\n市\t民\t政府\n")
    with pytest.raises(GazetteerError, match=r"trims\.tsv:3:"):
        _parse_trims(path, path.read_bytes())


def test_word_lists_skip_comments_and_blank_lines(tmp_path: Path) -> None:
    from zhnews.gazetteers.word_lists import read_word_list

    path = tmp_path / "words.txt"
    path.write_text("# a comment\n加快\n\n  推进  \n#推动\n", encoding="utf-8")
    assert read_word_list(path) == ("加快", "推进")
