"""Write the verdict that opens an answer to a yes/no claim, one way for every plan shape."""

from __future__ import annotations


def verdict(holds: bool, text: str) -> str:
    """Return "Yes: <fact>" or "No: <fact>", the fact being what decides the claim."""
    return f"{'Yes' if holds else 'No'}: {text}"


def yes(text: str) -> str:
    """Return "Yes: <fact>"."""
    return verdict(True, text)


def no(text: str) -> str:
    """Return "No: <fact>"."""
    return verdict(False, text)
