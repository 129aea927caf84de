"""Stray groups join the story whose pooled names they clearly match (fictional texts)."""

from __future__ import annotations

from sourcetrace.linking.fingerprints import fingerprint
from sourcetrace.linking.stories import attach_strays, build_stories

from .conftest import record

# one story of three articles, each naming a different part of the cast
STORY = [
    "Ferry crews walked out on Sunday. Organiser Jessamy Vort led the strike of the "
    "Marrow Line crews in Pellhaven harbour.",
    "Harbour master Edric Lune said sailings to Tarn Island were cancelled as the "
    "Marrow Line strike went on.",
    "The Quayside Herald reported that Jessamy Vort and Edric Lune met in Pellhaven "
    "to talk about Tarn Island sailings.",
]
# another story, with its own cast
OTHER = [
    "Farmers in Oskvale protested on Monday. Spokeswoman Brianne Tolk said the Gremmer "
    "Valley cooperative would block roads.",
    "The Gremmer Valley cooperative said talks with Mayor Hollis Dray of Oskvale failed.",
    "Mayor Hollis Dray told Brianne Tolk that the roads in Gremmer Valley stay open.",
]
# a short fragment in another language naming people spread over the first story
STRAY = "Laut Bericht sprach Jessamy Vort mit Edric Lune über Pellhaven und Tarn Island."
# names shared by both stories alike: no clear winner
AMBIGUOUS = "Ein Bericht über Pellhaven und Oskvale, mit Marrow Line und Gremmer Valley."


def _fps(texts: list[str]) -> list:
    return [fingerprint(record(f"a{i}", t, lang="en" if i < 6 else "de"), i)
            for i, t in enumerate(texts)]


def test_stray_fragment_joins_the_story_it_names() -> None:
    fps = _fps(STORY + OTHER + [STRAY])
    groups = attach_strays(fps, [[0, 1, 2], [3, 4, 5], [6]])
    assert sorted(groups) == [[0, 1, 2, 6], [3, 4, 5]]


def test_stray_matching_two_stories_alike_stays_alone() -> None:
    fps = _fps(STORY + OTHER + [AMBIGUOUS])
    groups = attach_strays(fps, [[0, 1, 2], [3, 4, 5], [6]])
    assert sorted(groups) == [[0, 1, 2], [3, 4, 5], [6]]


def test_small_stories_are_not_targets_and_build_stories_attaches() -> None:
    fps = _fps(STORY + OTHER + [STRAY])
    # the first story split into a pair and a single: nothing of three to join
    assert sorted(attach_strays(fps, [[0, 1], [2], [3, 4, 5], [6]])) == [
        [0, 1], [2], [3, 4, 5], [6]]
    stories = build_stories(fps, [[0, 1, 2], [3, 4, 5], [6]], {})
    assert sorted(len(s.articles) for s in stories) == [3, 4]
