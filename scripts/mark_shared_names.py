"""Fill the shared_with column of kg/extract/data/government_bodies.tsv: for each body, the
other countries that use one of its names or acronyms for a different body. Run after editing
the table (a test checks the column is up to date)."""

from collections import defaultdict
from pathlib import Path

from kg.extract.lexicon import canonical_key

TABLE = Path(__file__).resolve().parents[1] / "kg" / "extract" / "data" / "government_bodies.tsv"
NAME_COLUMNS = ("name", "acronyms", "aliases", "former_names")


def main() -> None:
    lines = TABLE.read_text(encoding="utf-8").rstrip("\n").split("\n")
    header_at = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    header = lines[header_at].split("\t")
    rows = [dict(zip(header, line.split("\t"))) for line in lines[header_at + 1 :]]
    forms = [
        {canonical_key(f) for c in NAME_COLUMNS for f in row[c].split("|") if f} for row in rows
    ]
    countries = defaultdict(set)
    for row, keys in zip(rows, forms):
        for key in keys:
            countries[key].add(row["country"])
    for row, keys in zip(rows, forms):
        others = set().union(*(countries[k] for k in keys)) - {row["country"]}
        row["shared_with"] = "|".join(sorted(others))
    body = ["\t".join(row[c] for c in header) for row in rows]
    TABLE.write_text("\n".join(lines[: header_at + 1] + body) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
