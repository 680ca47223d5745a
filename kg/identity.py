"""One node per real entity across the store: the alias registry and the corrections file.

Extraction mints an entity's IRI from its canonical key (``kg.extract.identity``), so the
same name in two documents is one node. What one document cannot know is settled here,
over the whole store, after every build (one build or incremental, in any order of
documents):

- **The alias registry** is the store's own names: every ``rdfs:label`` and
  ``skos:altLabel`` of an entity. A node all of whose names are names of exactly one other
  node of its class, one with more names, is that node: "MIIT" alone in document B is the
  Ministry of Industry and Information Technology that document A wrote as
  "Ministry of Industry and Information Technology (MIIT)", whichever was built first. Its
  triples move to the fuller node, its label becomes an ``skos:altLabel`` there. A name two
  nodes share is ambiguous and merges nothing.
- **Corrections** (``kg-corrections.tsv`` beside the store, or ``--corrections FILE``) are
  applied after that, in file order; see ``read_corrections``.
- **Acronym uses.** An acronym document B uses without defining it (``kgo:AcronymUse``) refers
  to the one entity of the store that has it as a name, written the same way: B is then a
  document that mentions the entity, with the acronym's sentence as evidence. An acronym that
  two entities share links to neither; a use whose entity is gone is unlinked again.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .errors import InputError
from .extract.facts import ACRONYM
from .extract.lexicon import canonical_key
from .metrics import METRIC_ACTIONS
from .queries import inline_bindings, internal_query

__all__ = [
    "Correction",
    "read_corrections",
    "default_corrections",
    "registry_merges",
    "consolidate",
    "link_acronym_uses",
    "CORRECTIONS_FILE",
]

CORRECTIONS_FILE = "kg-corrections.tsv"
ACTIONS = {"merge": 2, "split": 2, "rename": 2, "reject": 1}


@dataclass(frozen=True)
class Correction:
    """One line of the corrections file: ``action`` and its arguments (entity names or IRIs)."""

    action: str
    arguments: tuple[str, ...]
    line: int


def read_corrections(path: str | Path) -> list[Correction]:
    """The corrections of a tab-separated file, one per line (``#`` starts a comment)::

        merge   <name or IRI>   <name or IRI>   the first becomes the second
        split   <name>          <name>          never merge these two by the alias registry
        rename  <name or IRI>   <new label>     the old label stays as skos:altLabel
        reject  <name or IRI>                   not an entity: its node and links are removed

    A name means the entity nodes whose ``rdfs:label`` or ``skos:altLabel`` has that
    canonical key (case, "the" and quotes ignored).
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: cannot read the corrections file ({e})") from e
    corrections = []
    for number, line in enumerate(lines, 1):
        fields = [f.strip() for f in line.split("\t") if f.strip()]
        if not fields or fields[0].startswith("#"):
            continue
        action = fields[0].lower()
        if action in METRIC_ACTIONS:  # metric lines are kg.metrics' (merge-metric, split-metric)
            continue
        if action not in ACTIONS or len(fields) - 1 != ACTIONS[action]:
            raise InputError(
                f"{path}:{number}: expected one of merge/split/rename (two fields) or "
                f"reject (one field) separated by tabs, got {line.strip()!r}"
            )
        corrections.append(Correction(action, tuple(fields[1:]), number))
    return corrections


def default_corrections(store) -> list[Correction]:
    """The corrections in ``kg-corrections.tsv`` beside a store folder (or in the current
    folder for a store in memory), if there is one."""
    folder = Path(store.path).resolve().parent if getattr(store, "path", None) else Path.cwd()
    path = folder / CORRECTIONS_FILE
    return read_corrections(path) if path.is_file() else []


def entity_names(store) -> dict[str, tuple[str, set[str]]]:
    """Node IRI -> (its class, the canonical keys of its names)."""
    nodes: dict[str, tuple[str, set[str]]] = {}
    for row in store.select(internal_query("entity-names").sparql):
        class_ = row["class"].rsplit("#", 1)[-1]
        nodes.setdefault(row["node"], (class_, set()))[1].add(canonical_key(row["name"]))
    return nodes


def registry_merges(
    nodes: dict[str, tuple[str, set[str]]], kept_apart: set[frozenset[str]] = frozenset()
) -> dict[str, str]:
    """Node -> the node it is, by the rule of the module docstring (chains followed)."""
    holders: dict[tuple[str, str], set[str]] = defaultdict(set)
    for node, (class_, names) in nodes.items():
        for name in names:
            holders[(class_, name)].add(node)
    merges = {}
    for node, (class_, names) in nodes.items():
        others = (
            set.intersection(*(holders[(class_, n)] - {node} for n in names)) if names else set()
        )
        fuller = [o for o in others if len(nodes[o][1]) > len(names)]
        if (
            len(others) == 1
            and fuller
            and not any(
                frozenset({n, m}) in kept_apart for n in names for m in nodes[fuller[0]][1] - names
            )
        ):
            merges[node] = fuller[0]
    return {node: final_target(node, merges) for node in merges}


def final_target(node: str, merges: dict[str, str]) -> str:
    seen = {node}
    while node in merges and merges[node] not in seen:
        node = merges[node]
        seen.add(node)
    return node


def consolidate(store, corrections: list[Correction] = ()) -> dict[str, str]:
    """Merge the store's nodes by the alias registry, then apply ``corrections``; returns
    the merges done (old IRI -> new IRI)."""
    nodes = entity_names(store)
    kept_apart = {
        frozenset(canonical_key(a) for a in c.arguments) for c in corrections if c.action == "split"
    }
    merges = registry_merges(nodes, kept_apart)
    for old, new in sorted(merges.items()):
        move_node(store, old, new)
    for correction in corrections:
        merges.update(apply_correction(store, correction))
    link_acronym_uses(store)
    return merges


def link_acronym_uses(store) -> int:
    """Link every unlinked acronym use to its entity (see the module docstring); returns how
    many were linked."""
    run_update(store, "unlink-stale-acronym-uses")
    holders = acronym_holders(store)
    links = [
        {"use": ox.NamedNode(row["use"]), "entity": ox.NamedNode(next(iter(entities)))}
        for row in store.select(internal_query("unlinked-acronym-uses").sparql)
        if len(entities := holders.get(row["acronym"], set())) == 1
    ]
    if links:
        store.update(inline_bindings(internal_query("link-acronym-uses").sparql, links))
    return len(links)


def acronym_holders(store) -> dict[str, set[str]]:
    """Each name of an entity written in capitals ("EPA") -> the nodes that have it."""
    holders: dict[str, set[str]] = defaultdict(set)
    for row in store.select(internal_query("entity-names").sparql):
        if ACRONYM.fullmatch(row["name"]):
            holders[row["name"]].add(row["node"])
    return holders


def nodes_named(store, name_or_iri: str) -> list[str]:
    if re.match(r"https?://", name_or_iri):
        return [name_or_iri]
    key = canonical_key(name_or_iri)
    return sorted(node for node, (_, names) in entity_names(store).items() if key in names)


def apply_correction(store, correction: Correction) -> dict[str, str]:
    merged = {}
    first = nodes_named(store, correction.arguments[0])
    if correction.action == "merge":
        targets = nodes_named(store, correction.arguments[1])
        for old in first:
            if targets and old != targets[0]:
                move_node(store, old, targets[0])
                merged[old] = targets[0]
    elif correction.action == "rename":
        for node in first:
            rename_node(store, node, correction.arguments[1])
    elif correction.action == "reject":
        for node in first:
            remove_node(store, node)
    return merged


def move_node(store, old: str, new: str) -> None:
    """Every triple of ``old`` becomes one of ``new``; its label an ``skos:altLabel``."""
    run_update(store, "merge-node", old=ox.NamedNode(old), new=ox.NamedNode(new))


def rename_node(store, node: str, label: str) -> None:
    run_update(store, "rename-node", node=ox.NamedNode(node), label=ox.Literal(label))


def remove_node(store, node: str) -> None:
    run_update(store, "remove-node", node=ox.NamedNode(node))


def run_update(store, name: str, **terms: ox.NamedNode | ox.Literal) -> None:
    """``queries/internal/<name>.rq`` with its slots filled by pyoxigraph terms."""
    store.update(inline_bindings(internal_query(name).sparql, terms))
