"""Gazetteers: place, country and organisation names as data, loaded once and matched in linear time."""

from zhnews.gazetteers.loader import (
    ENTITY_LABELS,
    TYPES,
    Entry,
    Gazetteer,
    GazetteerError,
    Hit,
    clear_cache,
    gazetteer_version,
    load_gazetteer,
)

__all__ = [
    "ENTITY_LABELS",
    "TYPES",
    "Entry",
    "Gazetteer",
    "GazetteerError",
    "Hit",
    "clear_cache",
    "gazetteer_version",
    "load_gazetteer",
]
