"""The README's query catalogue lists every library query (it is generated from the headers)."""

from pathlib import Path

from kg.queries import library

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_catalogue_lists_every_library_query():
    missing = [name for name in library() if f"| `{name}` |" not in README]
    assert missing == []


def test_two_commands_are_at_the_top():
    top = README[:1500]
    assert "kg demo" in top and "python -m pytest" in top
