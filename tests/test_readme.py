"""The README's query catalogue is the one generated from the .rq headers; the two commands lead."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from kg.queries import catalogue_markdown

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLES = ROOT / "examples"


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
    result = run_in_shell(f"{line}; echo ${{PIPESTATUS[@]}}", tmp_path)
    assert result.stdout.strip().splitlines()[-1] == "0 0 0 0", result.stderr
    assert (tmp_path / "all.trig").stat().st_size > 0
    with kg.open(tmp_path / ".kg-store", read_only=True) as graph:
        assert len(graph.store.documents()) == len(list(examples.glob("*.txt"))) - 1


def run_in_shell(line: str, folder: Path) -> subprocess.CompletedProcess:
    """A README line as a reader's shell runs it, with this environment's kg first on PATH."""
    return subprocess.run(
        ["bash", "-c", f"set -o pipefail; {line}"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=600,
        env={"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin"},
    )


def tour_cli_lines() -> list[str]:
    """The commands of the tour's CLI block, in order, without their comments."""
    block = README.split("**CLI** (`kg --help`):", 1)[1].split("\n\n")[1]
    return [
        re.split(r"\s{2,}#", line.strip())[0]
        for line in block.splitlines()
        if line.strip().startswith("kg ")
    ]


def tour_python_block() -> str:
    return README.split("**Python API**", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]


@pytest.fixture
def reader_folder(tmp_path):
    """What the tour assumes a reader has: a folder of reports, a release (built into the store
    already, as the pipeline line removes it) and a page to add."""
    import shutil

    import kg

    # The release the pipeline line removes names neither agency the tour's views look for.
    release = next(EXAMPLES.glob("*transport*.txt"))
    (tmp_path / "reports").mkdir()
    for path in sorted(EXAMPLES.glob("*.txt")):
        if path != release:
            shutil.copy(path, tmp_path / "reports" / path.name)
    shutil.copy(release, tmp_path / "release.txt")
    (tmp_path / "more.html").write_text(
        "<html><body><p>The Ministry of Power launched the Grid Plan in 2024.</p></body></html>",
        encoding="utf-8",
    )
    kg.build([tmp_path / "release.txt"], store=tmp_path / ".kg-store").close()
    return tmp_path


@pytest.mark.slow
def test_every_command_of_the_tour_runs_as_written(reader_folder):
    lines = tour_cli_lines()
    assert len(lines) >= 14 and "kg check" in lines
    for line in lines:
        result = run_in_shell(line, reader_folder)
        assert result.returncode == 0, (line, result.stderr)


@pytest.mark.slow
def test_the_python_api_example_runs_as_written(reader_folder):
    result = subprocess.run(
        [sys.executable, "-c", tour_python_block()],
        cwd=reader_folder,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
