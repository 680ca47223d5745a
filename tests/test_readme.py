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


def test_the_pipeline_line_of_the_tour_runs_as_written(tmp_path):
    """Three readers and a writer at once on one store: every command succeeds."""
    import shutil
    import subprocess
    import sys

    import kg

    line = next(
        line.strip() for line in README.splitlines() if line.strip().startswith("kg stats | ")
    )
    examples = Path(__file__).resolve().parent.parent / "examples"
    shutil.copy(sorted(examples.glob("*.txt"))[0], tmp_path / "release.txt")
    kg.build(
        [tmp_path / "release.txt", *sorted(examples.glob("*.txt"))[1:]],
        store=tmp_path / ".kg-store",
    ).close()
    bin_dir = Path(sys.executable).parent
    result = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {line}; echo ${{PIPESTATUS[@]}}"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        env={"PATH": f"{bin_dir}:/usr/bin:/bin"},
    )
    assert result.stdout.strip().splitlines()[-1] == "0 0 0 0", result.stderr
    assert (tmp_path / "all.trig").stat().st_size > 0
    with kg.open(tmp_path / ".kg-store", read_only=True) as graph:
        assert len(graph.store.documents()) == len(list(examples.glob("*.txt"))) - 1
