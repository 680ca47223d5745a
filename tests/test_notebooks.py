"""The notebooks run top to bottom on a real kernel (nbclient), and are stored without outputs."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


def test_there_are_the_three_notebooks():
    assert [p.name for p in NOTEBOOKS] == [
        "01-quickstart.ipynb",
        "02-analysis.ipynb",
        "03-checking-the-numbers.ipynb",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_stored_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code and all(not cell.outputs and cell.execution_count is None for cell in code)


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_top_to_bottom(path, tmp_path):
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    ).execute()
    outputs = [
        output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs
    ]
    assert not [o for o in outputs if o.output_type == "error"]
    rich = [o for o in outputs if o.output_type in ("execute_result", "display_data")]
    assert len(rich) >= 5  # every question cell shows an answer
    html = [o.data["text/html"] for o in rich if "text/html" in o.data]
    if path.stem == "01-quickstart":
        assert any("<iframe srcdoc=" in h for h in html)  # the inline browser view
        assert any(
            "total retail sales of consumer goods" in h for h in html
        )  # a table of observations
    elif path.stem == "03-checking-the-numbers":
        printed = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
        assert "2021: restated 2023-01-18" in printed  # a restatement with its sentence
        assert "5G base stations: on track (no longer mentioned)" in printed  # a target
        assert "[year-on-year-change] telecommunications revenue" in printed  # a finding
        assert "up 20% year-on-year" in printed and "1.47 trillion yuan" in printed
    else:
        assert any("image/png" in o.data for o in rich)  # the plotted series
        assert any(
            "conforms: True" in o.get("text", "") for o in outputs if o.output_type == "stream"
        )
