"""The browser view: self-contained, and safe against hostile text, in a real Chromium."""

import json
import os
import re
import shutil

import pytest

import kg
from kg import viz

HOSTILE = (
    'The Ministry of <img src=x onerror="window.__xss=1"> Affairs launched the '
    '<script>window.__xss=2</script> Safety Program <a href="javascript:window.__xss=3">here</a> '
    "in 2024."
)


@pytest.fixture(scope="module")
def hostile_view(tmp_path_factory):
    folder = tmp_path_factory.mktemp("view")
    graph = kg.build(
        [HOSTILE + " The Department of Health issued the Clean Water Plan."], store=folder / "s"
    )
    return graph.visualize(folder / "graph.html")


def test_page_is_self_contained(example_graph, tmp_path):
    html = example_graph.visualize(tmp_path / "g.html").read_text()
    assert "vis.Network" in html
    assert not re.search(r"<(?:script|link)[^>]*(?:src|href)=[\"']https?:", html)


def test_document_text_never_appears_as_markup(hostile_view):
    html = hostile_view.read_text()
    assert "<img src=x" not in html and "<script>window.__xss" not in html


def chromium():
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = webdriver.ChromeService(executable_path=shutil.which("chromedriver"))
    return webdriver.Chrome(options=options, service=service)


HAVE_BROWSER = bool(shutil.which("chromedriver") and shutil.which("chromium"))
# CI sets KG_REQUIRE_BROWSER=1 so that a missing browser fails instead of skipping.
needs_browser = pytest.mark.skipif(
    not HAVE_BROWSER and not os.environ.get("KG_REQUIRE_BROWSER"),
    reason="chromium and chromium-driver are not installed (.ci/run installs them)",
)


@pytest.mark.browser
@needs_browser
def test_view_loads_in_chromium_without_errors_and_shows_every_node(example_graph, tmp_path):
    page = example_graph.visualize(tmp_path / "g.html")
    expected = viz.without_documents(viz.view_graph(example_graph.store)).number_of_nodes()
    driver = chromium()
    try:
        driver.get(page.as_uri())
        driver.find_element("id", "show-isolates").click()
        shown = driver.execute_script(
            "return drawnIds().filter(id => byId.get(id).kind !== 'Document').length"
        )
        drawn = driver.execute_script(
            "return drawnIds().map(id => [byId.get(id).kind, "
            "network.body.nodes[id].options.color.background])"
        )
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    finally:
        driver.quit()
    assert shown == expected == page.shown and expected > 5
    assert errors == []
    from kg.viz import CLASS_COLOURS

    assert all(colour.lower() == CLASS_COLOURS[kind].lower() for kind, colour in drawn), (
        drawn
    )  # as the legend


@pytest.mark.browser
@needs_browser
def test_hovering_and_clicking_hostile_labels_runs_nothing(hostile_view):
    driver = chromium()
    try:
        driver.get(hostile_view.as_uri())
        for toggle in ("show-isolates", "show-documents"):  # every node drawn
            driver.find_element("id", toggle).click()
        ids = driver.execute_script("return network.body.data.nodes.getIds()")
        assert len(ids) == driver.execute_script("return data.nodes.length")
        shown = []
        for node_id in ids:
            driver.execute_script(
                "show(arguments[0]); network.selectNodes([arguments[0]]);", node_id
            )
            shown.append(
                driver.execute_script("return document.getElementById('details').textContent")
            )
        labels = driver.execute_script("return network.body.data.nodes.get().map(n => n.label)")
        title = "".join(shown)
        xss = driver.execute_script("return window.__xss || null")
        images = driver.execute_script(
            "return document.querySelectorAll('#side img, #side script').length"
        )
    finally:
        driver.quit()
    assert xss is None and images == 0
    assert any("<img" in label or "Safety Program" in label for label in labels)
    assert title


# -- parts of the graph, files, CONSTRUCT queries, large graphs ------------------------------------
KGO = "https://w3id.org/policy-kg/ontology#"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


def synthetic_graph(path, agencies: int, plans_per_agency: int):
    """An N-Triples file of agencies each responsible for plans (what kg writes, minus evidence)."""
    doc = "<https://w3id.org/policy-kg/doc/synthetic>"
    lines = []
    for a in range(agencies):
        agency = f"<https://w3id.org/policy-kg/id/agency/a{a}>"
        lines += [
            f"{agency} {TYPE} <{KGO}Agency> .",
            f'{agency} <{LABEL}> "Agency {a}" .',
            f"{agency} <{KGO}mentionedIn> {doc} .",
        ]
        for p in range(plans_per_agency * (1 + (a == 0) * 20)):  # agency 0 is the hub
            plan = f"<https://w3id.org/policy-kg/id/plan/a{a}p{p}>"
            lines += [
                f"{plan} {TYPE} <{KGO}Plan> .",
                f'{plan} <{LABEL}> "Plan {a}-{p}" .',
                f"{plan} <{KGO}mentionedIn> {doc} .",
                f"{plan} <{KGO}responsibleAgency> {agency} .",
            ]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_focus_keeps_the_neighbourhood(example_graph, tmp_path):
    view = example_graph.visualize(tmp_path / "g.html", focus="Ministry of Power")
    whole = viz.without_documents(viz.view_graph(example_graph.store))
    power = next(n for n, label in whole.nodes(data="label") if label == "Ministry of Power")
    expected = 1 + len(set(whole.predecessors(power)) | set(whole.successors(power)))
    assert view.shown == expected and view.hidden == whole.number_of_nodes() - expected
    assert "near 'Ministry of Power'" in view.notice
    with pytest.raises(kg.KGError, match="no node"):
        example_graph.visualize(tmp_path / "g.html", focus="no such agency anywhere")


def test_class_filter_and_construct_query(example_graph, tmp_path):
    view = example_graph.visualize(tmp_path / "g.html", classes=["Agency"])
    assert view.shown == example_graph.stats()["Agency"]
    drawn = example_graph.visualize(tmp_path / "q.html", query="agency-network", agency="Transport")
    triples = example_graph.query("agency-network", agency="Transport")
    assert drawn.shown == len({t.subject.value for t in triples}) > 1


def test_viz_reads_a_file_the_product_wrote(example_graph, run_kg, tmp_path):
    exported = example_graph.export(tmp_path / "all.trig")
    result = run_kg(
        "viz", "--graph", exported, "-o", tmp_path / "file.html", "--classes", "Agency,Plan"
    )
    assert result.returncode == 0, result.stderr
    agencies_and_plans = example_graph.stats()["Agency"] + example_graph.stats()["Plan"]
    assert f": {agencies_and_plans} nodes" in result.stderr


def test_large_graphs_keep_the_most_important_nodes_and_a_fixed_layout(tmp_path):
    from kg.viz import PHYSICS_LIMIT

    graph = kg.open(synthetic_graph(tmp_path / "big.nt", agencies=300, plans_per_agency=3))
    view = graph.visualize(tmp_path / "big.html", max_nodes=PHYSICS_LIMIT + 100)
    assert (
        view.shown == PHYSICS_LIMIT + 100
        and view.hidden == graph.to_networkx().number_of_nodes() - view.shown
    )
    page = view.read_text()
    assert '"positions": {' in page and "PageRank" in view.notice
    assert "Agency 0" in page  # the hub ranks first


@pytest.mark.browser
@needs_browser
def test_a_large_view_opens_with_fixed_positions_and_class_filters_work(tmp_path):
    graph = kg.open(synthetic_graph(tmp_path / "big.nt", agencies=400, plans_per_agency=4))
    view = graph.visualize(tmp_path / "big.html")
    driver = chromium()
    try:
        driver.get(view.as_uri())
        shown = driver.execute_script("return drawnIds().length + isolatedIds().size")
        physics = driver.execute_script("return network.physics.options.enabled")
        plans_drawn = "return drawnIds().filter(id => byId.get(id).kind === 'Plan').length"
        plans = driver.execute_script(plans_drawn)
        driver.execute_script("document.querySelector('input[data-kind=Plan]').click()")
        plans_left = driver.execute_script(plans_drawn)
        notice = driver.execute_script("return document.getElementById('notice').textContent")
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    finally:
        driver.quit()
    assert shown == view.shown == 1500 and physics is False and errors == []
    assert plans > 0 and plans_left == 0 and "Showing 1,500" in notice


# -- metrics, documents, isolates and search on a real corpus --------------------------------------
def test_metrics_are_nodes_sized_by_observations_with_values_by_period(example_graph, tmp_path):
    page = example_graph.visualize(tmp_path / "g.html").read_text()
    data = json.loads(
        re.search(r'id="graph-data" type="application/json">(.*?)</script>', page, re.S)[1]
    )
    metrics = [n for n in data["nodes"] if n["kind"] == "Metric"]
    observations = example_graph.stats()["Observation"]
    assert metrics and sum(m["weight"] for m in metrics) == observations
    assert sum(len(m["observations"]) + m.get("more", 0) for m in metrics) == observations
    assert all(o["sentence"] and o["value"] for m in metrics for o in m["observations"])
    # Edges as [from, to, label, via], each end a place in the node list.
    linked = {data["nodes"][start]["id"] for start, _, _, via in data["edges"] if via == "sentence"}
    assert linked and linked <= {
        m["id"] for m in metrics
    }  # a metric links to what it is reported for


def test_classes_the_view_does_not_draw_and_empty_views_are_refused(
    example_graph, run_kg, tmp_path
):
    with pytest.raises(kg.KGError, match="draws no class Observation"):
        example_graph.visualize(tmp_path / "g.html", classes=["Observation"])
    exported = example_graph.export(tmp_path / "all.nq")
    result = run_kg(
        "viz", "--graph", exported, "--classes", "Agency,Metrik", "-o", tmp_path / "v.html"
    )
    assert result.returncode == 1 and "did you mean Metric?" in result.stderr
    empty = kg.build([], store=tmp_path / "empty")
    with pytest.raises(kg.KGError, match="nothing to draw"):
        empty.visualize(tmp_path / "e.html")


@pytest.fixture(scope="module")
def bulk_view(tmp_path_factory):
    """The view of 200 bulk releases (what a real corpus looks like)."""
    from .conftest import SHARED

    releases = sorted((SHARED / "corpus" / "bulk").glob("*.txt"))[:200]
    if not releases:
        pytest.skip("../shared corpus not present")
    folder = tmp_path_factory.mktemp("bulk")
    graph = kg.build(releases, store=folder / "store", jobs=2)
    return graph.visualize(folder / "bulk.html")


@pytest.mark.slow
@pytest.mark.browser
@needs_browser
def test_a_corpus_view_hides_isolates_and_search_counts_and_frames_every_hit(bulk_view):
    driver = chromium()
    try:
        driver.get(bulk_view.as_uri())
        isolated = driver.execute_script("return isolatedIds().size")
        label = driver.execute_script(
            "return document.getElementById('isolates-label').textContent"
        )
        drawn = driver.execute_script("return drawnIds().length")
        documents = driver.execute_script(
            "return data.nodes.filter(n => n.kind === 'Document').length"
        )
        total = driver.execute_script("return data.nodes.length")
        search = driver.find_element("id", "search")
        search.send_keys("ministry")
        expected = driver.execute_script(
            "return data.nodes.filter(n => n.kind !== 'Document' && "
            "n.label.toLowerCase().includes('ministry')).length"
        )
        hits = driver.execute_script("return document.getElementById('hits').textContent")
        selected = driver.execute_script("return network.getSelectedNodes().length")
        in_view = driver.execute_script(
            "const box = network.getViewPosition(), scale = network.getScale();"
            "const w = network.canvas.frame.canvas.clientWidth / scale / 2,"
            "      h = network.canvas.frame.canvas.clientHeight / scale / 2;"
            "const at = network.getPositions(network.getSelectedNodes());"
            "return Object.values(at).every("
            "p => Math.abs(p.x - box.x) <= w + 1 && Math.abs(p.y - box.y) <= h + 1)"
        )
        driver.find_element("id", "show-documents").click()
        isolated_with_documents = driver.execute_script("return isolatedIds().size")
        placed_documents = driver.execute_script(
            "const ids = drawnIds().filter(id => byId.get(id).kind === 'Document');"
            "const at = network.getPositions(ids);"
            "return [ids.length, ids.filter(id => at[id].x !== 0 || at[id].y !== 0).length]"
        )
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    finally:
        driver.quit()
    assert isolated > 0 and f"Show the {isolated:,} nodes with no link" == label
    assert drawn == total - isolated - documents  # isolates and documents hidden at first
    assert placed_documents[0] == documents > 0 and placed_documents[1] == documents  # amid theirs
    assert expected > 1 and hits == f"{expected:,} matches" and selected == expected and in_view
    assert isolated_with_documents < isolated
    assert errors == []
