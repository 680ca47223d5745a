"""Every library query runs with its defaults; checks return no rows; values stay values."""

import ast
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg
from kg.errors import QueryError
from kg.names import name_keys, search_key
from kg.queries import inline_bindings, internal_query, library, parameter_variable

ROOT = Path(__file__).resolve().parent.parent
CHECKS = sorted((ROOT / "queries" / "checks").glob("*-violation.rq"))
INTERNAL = sorted(p.stem for p in (ROOT / "queries" / "internal").glob("*.rq"))
SAMPLE_VALUES = {
    "iri": ox.NamedNode("https://w3id.org/policy-kg/doc/0"),
    "text": ox.Literal("Ministry"),
    "triples": [ox.Triple(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal('a "b" }'))],
}
# A query form keyword followed by what starts its body: SPARQL, not prose that mentions it.
SPARQL_TEXT = re.compile(
    r"\b(SELECT|CONSTRUCT|DESCRIBE|ASK|INSERT|DELETE)\s+(\?|\$|\*|\{|DATA\b|WHERE\b|DISTINCT\b|\()"
)


def test_library_has_at_least_twelve_documented_queries():
    queries = library()
    assert len(queries) >= 12
    assert all(q.title and q.description for q in queries.values())


@pytest.mark.parametrize("name", sorted(library()))
def test_every_library_query_runs_with_defaults(example_graph, name):
    rows = example_graph.query(name)
    assert isinstance(rows, list)


@pytest.mark.parametrize("name", sorted(library()))
def test_every_query_with_parameters_documents_an_example_call_that_runs(example_graph, name):
    query = library()[name]
    assert bool(query.example) == bool(query.parameters)
    assert isinstance(example_graph.query(name, **query.example), list)


@pytest.mark.parametrize(
    "name, expected_column, expected_value",
    [
        ("agency-responsibilities", "instrumentName", "National Grid Modernisation Plan"),
        ("counts-by-class", "class", "Agency"),
        ("observations-by-currency", "unit", "GBP"),
        ("largest-changes", "metric", "bus passenger journeys in England"),
        ("documents", "documentTitle", "Department for Transport"),
        ("metric-observations", "unit", "GW"),
        ("entity-evidence", "entityName", "Driver and Vehicle Licensing Agency"),
        ("plan-hierarchy", "parentName", "Digital Infrastructure Action Plan"),
        ("documents-mentioning", "entityName", "Ministry of Power"),
        ("observations", "metric", "software business revenue"),
        ("people-and-roles", "personName", "Shri A. K. Verma"),
        ("programs-by-agency", "programName", "Safer Roads Campaign"),
        ("regulations-by-agency", "regulationName", "Electricity Market Coupling Regulations"),
        ("targets-vs-actuals", "metric", "5G base stations"),
    ],
)
def test_library_queries_find_what_the_examples_state(
    example_graph, name, expected_column, expected_value
):
    values = {row.get(expected_column) for row in example_graph.query(name)}
    assert expected_value in values


def test_agencies_named_together_are_paired(example_graph):
    pairs = {
        frozenset((row["agencyName"], row["otherName"]))
        for row in example_graph.query("agencies-mentioned-together")
    }
    assert frozenset(("Ministry of Power", "Central Electricity Regulatory Commission")) in pairs
    assert (
        frozenset(("Ministry of Power", "Department for Transport")) not in pairs
    )  # never in one document


def test_agency_network_is_a_graph_of_one_agency_and_what_it_answers_for(example_graph):
    triples = example_graph.query("agency-network", agency="Department for Transport")
    labels = {t.object.value for t in triples if t.predicate.value.endswith("#label")}
    assert {"Department for Transport", "Local Bus Recovery Strategy"} <= labels
    assert "Ministry of Power" not in labels


def test_targets_sit_next_to_the_latest_actual(example_graph):
    (row,) = example_graph.query("targets-vs-actuals", metric="5G base stations")
    assert (row["targetValue"], row["targetPeriod"], row["actualValue"], row["actualPeriod"]) == (
        4500000,
        "2025",
        3200000,
        "2023",
    )


@pytest.mark.parametrize("check", CHECKS, ids=lambda p: p.stem)
def test_violation_checks_return_no_rows_on_a_built_graph(example_graph, check):
    assert example_graph.sparql(check.read_text()) == []


@pytest.mark.parametrize(
    "payload", ['"} INSERT DATA { <a> <b> <c> } #', "x')) } DROP ALL #", "}}}", "' OR 1=1"]
)
def test_parameter_values_cannot_inject_sparql(example_graph, payload):
    size = len(example_graph.store)
    assert example_graph.query("agency-responsibilities", agency=payload) == []
    assert len(example_graph.store) == size


@pytest.mark.parametrize("name, param", [("entity-evidence", "name"), ("documents", "title")])
def test_a_parameter_that_is_not_text_is_refused_in_one_line(example_graph, name, param):
    undecodable = b"Ministry \xff\xfe".decode(
        "utf-8", "surrogateescape"
    )  # as argv carries bad bytes
    with pytest.raises(kg.KGError, match=f"parameter {param}: the value is not valid UTF-8 text"):
        example_graph.query(name, **{param: undecodable})


def test_a_very_long_name_is_searched_like_any_other(example_graph):
    assert example_graph.query("observations", metric="revenue " * 50_000) == []
    assert example_graph.query("entity-evidence", name="x" * 200_000) == []


@pytest.mark.parametrize("name", sorted(n for n, q in library().items() if q.parameters))
def test_no_result_column_is_a_parameter_asked_for(example_graph, name):
    query = library()[name]
    if query.form == "SELECT":
        columns = example_graph.query(name, **query.example).columns
        assert not {parameter_variable(p.name) for p in query.parameters} & set(columns)


def test_the_metric_column_of_observations_is_the_metric_not_the_text_asked_for(example_graph):
    rows = example_graph.query("observations", metric="revenue")
    assert rows and "revenue" not in {row["metric"] for row in rows}
    assert {row["metric"] for row in rows} <= {
        row["metric"] for row in example_graph.query("observations")
    }


def test_unknown_parameter_is_refused(example_graph):
    with pytest.raises(kg.KGError, match="has no parameter"):
        example_graph.query("agency-responsibilities", nonsense="1")


# -- name parameters: looked up in the name index, then matched in full ----------------------------
NAME_COLUMNS = {
    "observations": "metric",
    "metric-observations": "metric",
    "targets-vs-actuals": "metric",
    "documents-mentioning": "entityName",
    "agency-responsibilities": "agencyName",
}


def search_probes(names: set[str]) -> list[str]:
    """Words and two-word phrases of ``names``, some in other cases: what users type."""
    probes = set()
    for name in names:
        words = name.split()
        probes.update(words)
        probes.update(" ".join(pair) for pair in zip(words, words[1:], strict=False))
    ordered = sorted(probes)
    return (
        ordered[:: max(1, len(ordered) // 40)]
        + [p.upper() for p in ordered[:5]]
        + ["", "of", "the Ministry"]
    )


@pytest.mark.parametrize("name", sorted(NAME_COLUMNS))
def test_a_name_search_returns_every_row_whose_name_contains_the_words(example_graph, name):
    (param,) = [p.name for p in library()[name].parameters if p.type == "name"]
    column = NAME_COLUMNS[name]
    every = [sorted(row.items()) for row in example_graph.query(name)]
    for probe in search_probes({dict(row)[column] for row in every}):
        found = [sorted(row.items()) for row in example_graph.query(name, **{param: probe})]
        expected = [row for row in every if matches(probe, dict(row)[column])]
        assert sorted(found) == sorted(expected), probe


def matches(text: str, name: str) -> bool:
    """A name parameter's contract: the name contains the text, and the text's key (its longest
    word) is a whole word of the name ("bus" is not found in "business")."""
    return text.lower() in name.lower() and search_key(text) in name_keys(name)


def test_a_name_search_finds_plurals_and_checks_the_whole_phrase(example_graph):
    assert {
        row["entityName"]
        for row in example_graph.query("entity-evidence", name="ministries of power")
    } == set()
    assert "Ministry of Power" in {
        row["entityName"]
        for row in example_graph.query("entity-evidence", name="ministry OF power")
    }
    assert (
        example_graph.query("documents-mentioning", name="Ministry of Transport") == []
    )  # both words, not this phrase
    metrics = {
        row["metric"] for row in example_graph.query("metric-observations", metric="station")
    }
    assert "5G base stations" in metrics  # "station" finds "stations"


def test_agency_pairs_for_one_agency_are_the_pairs_it_is_in(example_graph):
    every = {
        (frozenset((r["agencyName"], r["otherName"])), r["sharedDocuments"])
        for r in example_graph.query("agencies-mentioned-together")
    }
    found = example_graph.query("agencies-mentioned-together", agency="Ministry of Power")
    assert {r["agencyName"] for r in found} == {
        "Ministry of Power"
    }  # the agency searched for comes first
    assert {
        (frozenset((r["agencyName"], r["otherName"])), r["sharedDocuments"]) for r in found
    } == {pair for pair in every if "Ministry of Power" in pair[0]}


def test_agency_pairs_come_most_shared_first_then_by_name_in_any_case(example_graph):
    rows = list(example_graph.query("agencies-mentioned-together"))
    order = [
        (
            -int(r["sharedDocuments"]),
            r["agencyName"].lower(),
            r["otherName"].lower(),
            r["agencyName"],
            r["otherName"],
        )
        for r in rows
    ]
    assert len(rows) >= 5 and order == sorted(order)


@pytest.mark.parametrize("name", sorted(library()))
def test_a_query_file_sent_as_it_is_gives_the_rows_of_its_defaults(example_graph, name):
    # What a SPARQL client gets from the endpoint's library page: no parameters bound, no name key.
    def rows(result):
        return (
            sorted(map(str, result))
            if library()[name].form == "CONSTRUCT"
            else sorted(map(sorted, map(dict.items, result)))
        )

    assert rows(example_graph.sparql(library()[name].sparql)) == rows(example_graph.query(name))


@pytest.mark.parametrize("name", sorted(library()))
def test_a_query_file_declares_every_prefix_it_uses(name):
    # A SPARQL client sends the file as it is, without the prefixes kg adds.
    import pyoxigraph as ox

    ox.Store().query(library()[name].sparql)


def test_a_metric_two_documents_spell_differently_is_listed_once_under_one_name(tmp_path):
    spellings = {
        "a.txt": "In 2023, the Budget includes $5 billion.",
        "b.txt": "In 2024, the budget includes $6 billion.",
    }
    for file, text in spellings.items():
        (tmp_path / file).write_text(text)
    graph = kg.build(sorted(tmp_path.iterdir()))
    labels = {
        row["o"]
        for row in graph.sparql(
            "SELECT ?o WHERE { ?m a <https://w3id.org/policy-kg/ontology#Metric> ; "
            "<http://www.w3.org/2000/01/rdf-schema#label> ?o }"
        )
    }
    assert {"Budget", "budget"} <= labels  # each document keeps its own spelling
    for name, params in [
        ("observations", {}),
        ("metric-observations", {}),
        ("observations-by-currency", {}),
        ("observations", {"metric": "budget"}),
    ]:
        rows = graph.query(name, **params)
        budget = [r for r in rows if r["metric"].lower() == "budget"]
        assert len(budget) == len({r["observation"] for r in budget}) >= 1, name
        assert len({r["metric"] for r in budget}) == 1, name


def test_an_agency_two_documents_spell_differently_is_listed_once_under_one_name(tmp_path):
    (tmp_path / "a.txt").write_text(
        "The Rural Water Office launched the Clean Springs Program in 2024.\n"
    )
    (tmp_path / "b.txt").write_text(
        "In 2025 the RURAL WATER OFFICE expanded the Clean Springs Program.\n"
    )
    graph = kg.build(sorted(tmp_path.iterdir()))
    agency = "https://w3id.org/policy-kg/id/agency/rural-water-office"
    labels = {
        r["l"]
        for r in graph.sparql(
            f"SELECT ?l WHERE {{ <{agency}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }}"
        )
    }
    assert labels == {
        "Rural Water Office",
        "RURAL WATER OFFICE",
    }  # each document keeps its own spelling
    evidence = graph.query("entity-evidence", name="water")
    assert len(evidence) == 2 and {r["entityName"] for r in evidence} == {"Rural Water Office"}
    (mentioning,) = graph.query("documents-mentioning", name="water")
    assert mentioning["documents"] == 2
    for name, column in [
        ("programs-by-agency", "agencyName"),
        ("agency-responsibilities", "agencyName"),
    ]:
        rows = graph.query(name)
        assert [r[column] for r in rows if "water" in r[column].lower()] == [
            "Rural Water Office"
        ], name


def test_inline_bindings_skips_braces_in_comments_strings_and_iris():
    query = '# a { comment\nSELECT ?x WHERE { ?x <urn:{}> "WHERE {" }'
    bound = inline_bindings(query, {"x": ox.Literal("v")})
    assert bound.endswith('WHERE { VALUES (?x) { ("v") } ?x <urn:{}> "WHERE {" }')
    with pytest.raises(QueryError):
        inline_bindings("ASK", {"x": ox.Literal("v")})


def test_inline_bindings_fills_slots_with_terms_outside_strings_and_comments():
    query = '# $g\nASK { GRAPH $g { ?s ?p "$g" } }'
    assert (
        inline_bindings(query, {"g": ox.NamedNode("urn:a")})
        == '# $g\nASK { GRAPH <urn:a> { ?s ?p "$g" } }'
    )


def test_inline_bindings_writes_rows_as_one_values_block():
    rows = [{"x": ox.NamedNode("urn:a")}, {"x": ox.Literal("b")}]
    assert (
        inline_bindings("SELECT ?x WHERE { ?x ?p ?o }", rows)
        == 'SELECT ?x WHERE { VALUES (?x) { (<urn:a>) ("b") } ?x ?p ?o }'
    )
    with pytest.raises(QueryError, match="no rows"):
        inline_bindings("SELECT ?x WHERE { ?x ?p ?o }", [])


def test_internal_queries_are_not_in_the_library():
    assert INTERNAL and not set(INTERNAL) & set(library())


@pytest.mark.parametrize("name", INTERNAL)
def test_an_internal_query_has_a_header_and_parses_with_its_parameters_bound(name):
    query = internal_query(name)
    assert query.title != name and query.description
    bindings = {p.name: SAMPLE_VALUES[p.type] for p in query.parameters}
    slots = {k: v for k, v in bindings.items() if f"${k}" in query.body}
    text = inline_bindings(query.body, slots)
    assert "$" not in text  # every slot is declared in the header
    if query.body.startswith(("INSERT", "DELETE", "DROP")):
        ox.Store().update(text)
    else:
        ox.Store().query(text)


def string_constants(path: Path) -> list[str]:
    """Every string literal of a module, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


MODULES = sorted(
    p for p in (ROOT / "kg").rglob("*.py") if "extract" not in p.relative_to(ROOT / "kg").parts
)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_outside_extraction_holds_sparql(path):
    found = [text[:60] for text in string_constants(path) if SPARQL_TEXT.search(text)]
    assert not found, f"SPARQL belongs in queries/**/*.rq: {found}"


@pytest.mark.parametrize(
    "text, is_sparql",
    [
        ("SELECT ?s WHERE { ?s ?p ?o }", True),
        ("DELETE { ?s ?p ?o } WHERE {}", True),
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", True),
        ("ASK { ?s ?p ?o }", True),
        ("SELECT solutions as rows", False),
        ("insert the rows", False),
    ],
)
def test_the_sparql_scan_tells_sparql_from_prose(text, is_sparql):
    assert bool(SPARQL_TEXT.search(text)) is is_sparql
