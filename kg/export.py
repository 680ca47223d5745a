"""Writing a graph out: RDF in any supported format, or a CSV table of observations."""

from __future__ import annotations

import csv
from pathlib import Path

from .errors import OutputError

__all__ = ["export_graph"]


def export_graph(graph, path: Path) -> Path:
    if path.suffix.lower() == ".csv":
        return write_observations_csv(graph, path)
    return graph.store.export(path)


def write_observations_csv(graph, path: Path) -> Path:
    rows = graph.query("observations")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=rows.columns, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows.texts)  # each value as its literal's text
    except OSError as e:
        raise OutputError(f"{path}: cannot write ({e.strerror or e})") from e
    return path
