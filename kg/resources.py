"""Where the shipped ontology, shapes, queries and examples are.

In a wheel they are packed under ``kg/_resources``; in a source checkout (editable
install) they are the top-level folders of the repository.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["resource_dir", "ontology_files", "shapes_file"]

PACKAGE_DIR = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """``resource_dir("queries")`` -> the folder of that name, packed or in the checkout."""
    for candidate in (PACKAGE_DIR / "_resources" / name, PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"kg resource folder {name!r} is missing from the installation")


def ontology_files() -> list[Path]:
    """The OWL ontology files (shapes excluded)."""
    return sorted(p for p in resource_dir("ontology").glob("*.ttl") if p.name != "shapes.ttl")


def shapes_file() -> Path:
    return resource_dir("ontology") / "shapes.ttl"
