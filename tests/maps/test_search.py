"""The place search index: folding, ranking, kinds, refusals."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import InvalidParameterError
from app.maps import search
from app.maps.places import View
from app.maps.search import (
    COMMUNITY,
    MRC,
    MUNICIPALITY,
    PLACE,
    Entry,
    SearchIndex,
    fold,
    rank_of,
)

SAINTE_ANNE = "2404037"


@pytest.fixture(scope="module")
def index(catalog):
    return search.search_index(catalog)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Gaspé", "gaspe"),
        ("  GASPÉ ", "gaspe"),
        ("Sainte-Anne-des-Monts", "sainte anne des monts"),
        ("ste-anne", "sainte anne"),
        ("St-Godefroi", "saint godefroi"),
        ("L'Anse-à-Beaufils", "l anse a beaufils"),
        ("Port-Daniel--Gascons", "port daniel gascons"),
        ("Œuf", "oeuf"),
        ("Îles-de-la-Madeleine", "iles de la madeleine"),
    ],
)
def test_fold_drops_accents_case_punctuation_and_writes_abbreviations_out(text, folded):
    assert fold(text) == folded


@given(st.text(st.characters(codec="latin-1"), max_size=40))
def test_fold_is_idempotent_blind_to_case_and_plain_ascii(text):
    once = fold(text)
    assert fold(once) == once
    assert fold(text.upper()) == once
    assert set(once) <= set("abcdefghijklmnopqrstuvwxyz0123456789 ")


def test_ranks_order_exact_prefix_word_prefix_substring():
    name = fold("Sainte-Anne-des-Monts")
    assert rank_of("sainte anne des monts", name) == search.EXACT
    assert rank_of("sainte an", name) == search.PREFIX
    assert rank_of("monts", name) == search.WORD_PREFIX
    assert rank_of("anne monts", name) == search.WORD_PREFIX  # each word starts a word
    assert rank_of("onts", name) == search.SUBSTRING
    assert rank_of("annedes", name) == search.SUBSTRING  # spaces left out
    assert rank_of("chandler", name) > search.SUBSTRING


def test_hits_sort_by_rank_then_kind():
    def entry(kind, name):
        return Entry(kind, name, {"fr": name}, "", "", "", None, (0.0, 0.0), (fold(name),))

    index = SearchIndex(
        [entry(COMMUNITY, "Gaspé"), entry(MRC, "La Côte-de-Gaspé"), entry(MUNICIPALITY, "Gaspé")]
    )
    found = index.search("gaspe")
    assert [(hit.entry.kind, hit.rank) for hit in found] == [
        (MUNICIPALITY, search.EXACT),
        (COMMUNITY, search.EXACT),
        (MRC, search.WORD_PREFIX),
    ]


def test_the_catalogue_index_holds_municipalities_mrcs_communities_and_places(index):
    kinds = [entry.kind for entry in index.entries]
    assert kinds.count(MUNICIPALITY) == 54
    assert kinds.count(MRC) == 6
    assert kinds.count(COMMUNITY) > 100
    assert kinds.count(PLACE) > 10
    for entry in index.entries:
        assert (entry.bounds is None) == (entry.kind in (COMMUNITY, PLACE))
        assert (entry.point is None) == (entry.kind in (MUNICIPALITY, MRC))
        assert entry.mrc_code in {f"240{n}" for n in range(1, 7)}


def test_accents_and_abbreviations_find_the_municipality_first(index):
    first = index.search("gaspe")[0]
    assert (first.entry.kind, first.name("fr")) == (MUNICIPALITY, "Gaspé")
    first = index.search("ste-anne")[0]
    assert (first.entry.kind, first.entry.code) == (MUNICIPALITY, SAINTE_ANNE)
    assert index.search("SAINTE ANNE DES MONTS")[0].rank == search.EXACT


def test_a_community_opens_the_page_of_the_municipality_that_holds_it(index):
    hit = next(hit for hit in index.search("anse-sainte-anne") if hit.entry.kind == COMMUNITY)
    assert hit.name("fr") == "L'Anse-Sainte-Anne-des-Monts"
    assert hit.entry.municipality_code == SAINTE_ANNE
    west, south, east, north = next(
        e.bounds for e in index.entries if e.kind == MUNICIPALITY and e.code == SAINTE_ANNE
    )
    longitude, latitude = hit.entry.point
    assert west <= longitude <= east and south <= latitude <= north
    assert hit.page(View(), "en") == f"/maps/municipality/{SAINTE_ANNE}?threshold=50/10&lang=en"


def test_a_community_named_like_its_municipality_is_not_listed_twice(index):
    names = [(hit.entry.kind, hit.name("fr")) for hit in index.search("gaspe")]
    assert names.count((MUNICIPALITY, "Gaspé")) == 1
    assert (COMMUNITY, "Gaspé") not in names


def test_a_populated_place_is_found_in_its_municipality_once(index):
    found = [hit for hit in index.search("havre-aux-maisons") if hit.rank == search.EXACT]
    assert [(hit.entry.kind, hit.entry.municipality_code) for hit in found] == [
        (PLACE, "2401023")  # Les Îles-de-la-Madeleine; two sources name it, listed once
    ]
    named = {(e.folded[0], e.municipality_code) for e in index.entries if e.kind == PLACE}
    others = {(e.folded[0], e.municipality_code) for e in index.entries if e.kind != PLACE}
    assert not named & others


def test_an_index_without_the_places_layer_still_has_the_rest(catalog):
    without = replace(catalog, layers={k: v for k, v in catalog.layers.items() if k != "places"})
    kinds = {entry.kind for entry in search.build_index(without).entries}
    assert kinds == {MUNICIPALITY, MRC, COMMUNITY}


def test_an_mrc_opens_its_own_page(index):
    hit = next(hit for hit in index.search("haute-gaspesie") if hit.entry.kind == MRC)
    assert hit.page(View(), "fr") == "/maps/mrc/2404?threshold=50/10&lang=fr"


def test_limit_cuts_the_list(index):
    assert len(index.search("saint", limit=3)) == 3
    assert len(index.search("saint", limit=50)) > 3


@pytest.mark.parametrize(
    ("query", "limit", "key"),
    [
        ("", 10, "maps.search.empty"),
        (" -' ", 10, "maps.search.empty"),
        ("a" * 81, 10, "maps.search.too_long"),
        ("gaspe", 0, "maps.search.limit"),
        ("gaspe", 51, "maps.search.limit"),
    ],
)
def test_bad_queries_are_refused_with_a_reason(index, query, limit, key):
    with pytest.raises(InvalidParameterError) as refused:
        index.search(query, limit)
    assert refused.value.key == key


def test_nothing_found_is_an_empty_list(index):
    assert index.search("zzzzqx") == []
