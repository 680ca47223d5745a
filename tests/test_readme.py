"""The README's query catalogue is the one generated from the .rq headers; the two commands lead."""

from pathlib import Path

from kg.queries import catalogue_markdown

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_catalogue_is_generated_from_the_query_headers():
    # Regenerate with:
    # python -c "from kg.queries import catalogue_markdown; print(catalogue_markdown())"
    assert catalogue_markdown() in README


def test_two_commands_are_at_the_top():
    top = README[:1500]
    assert "kg demo" in top and "python -m pytest" in top
