"""Real-world inputs: HTML pages, PDFs, legacy encodings and folders of mixed files."""

from __future__ import annotations

import pytest

import kg
from kg.formats import html_text

from .conftest import EXAMPLES

RELEASE = (
    (EXAMPLES / "01-energy-ministry-briefing.txt").read_text(encoding="utf-8").split("\n", 2)[2]
)
SENTENCE = "The Ministry of Power (MoP) issued the National Grid Modernisation Plan on Tuesday."


def literals(graph) -> str:
    return " ".join(
        row["o"] for row in graph.sparql("SELECT ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o)) }").texts
    )


def test_html_keeps_the_visible_text_and_drops_scripts_and_styles(tmp_path):
    page = tmp_path / "release.html"
    paragraphs = "".join(f"<p>{line}</p>" for line in RELEASE.splitlines() if line.strip())
    page.write_text(f"""<!doctype html><html><head><title>Grid plan issued</title>
        <style>p {{ color: red }} .secret {{ }}</style><script>alert("tracking")</script></head>
        <body><nav>Home | About</nav><h1>Ministry of Power</h1>{paragraphs}
        <script>document.write("injected text")</script><footer>Copyright</footer></body></html>""")
    graph = kg.build([page])
    assert graph.last_build.ok
    text = literals(graph)
    assert SENTENCE in text and "Grid plan issued" in text
    assert not any(
        noise in text for noise in ("alert", "tracking", "injected", "color: red", "Copyright")
    )
    assert "National Grid Modernisation Plan" in {
        r["instrumentName"] for r in graph.query("agency-responsibilities")
    }


def test_html_text_puts_blocks_on_their_own_lines():
    assert html_text("<p>One &amp; two</p><p>Three<br>four</p>") == "One & two\n\nThree\n\nfour"


def write_pdf(path, paragraphs: list[str]) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, paragraph)
        pdf.ln(4)
    pdf.output(str(path))


def test_pdf_text_layer_is_read(tmp_path):
    pdf = tmp_path / "release.pdf"
    write_pdf(pdf, [line for line in RELEASE.splitlines() if line.strip()])
    graph = kg.build([pdf])
    assert graph.last_build.ok
    values = {(r["value"], r["unit"]) for r in graph.query("metric-observations")}
    assert (190, "GW") in values  # "190 GW", read from the PDF's text layer


def test_a_pdf_without_text_and_a_broken_pdf_are_refused_in_one_line(run_kg, tmp_path):
    from fpdf import FPDF

    scan = FPDF()
    scan.add_page()
    scan.rect(10, 10, 100, 100)
    scan.output(str(tmp_path / "scan.pdf"))
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage")
    result = run_kg("build", "scan.pdf", "broken.pdf", "-o", "out.ttl")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "scan.pdf: the PDF has no text layer" in result.stderr
    assert "broken.pdf: not a readable PDF" in result.stderr
    kg_lines = [line for line in result.stderr.splitlines() if line.startswith("kg: ")]
    assert (
        len(result.stderr.strip().splitlines()) == len(kg_lines) + 1
    )  # and the summary: no stray log lines


@pytest.mark.parametrize("encoding", ["cp1252", "gb18030", "shift_jis"])
def test_legacy_encodings_are_detected(tmp_path, encoding):
    samples = {
        "cp1252": (
            "The Ministry of Power (MoP) issued the National Grid Modernisation Plan on Tuesday. "
            "Investment in the café districts reached €1.2 billion in 2023, the ministry’s “best” "
            "year."
        ),
        "gb18030": (
            "国家统计局发布了最新数据。2023年社会消费品零售总额达到47.1万亿元，同比增长7.2%。"
            "商务部发布了促进消费的行动计划，各地方政府积极落实相关政策措施。"
        ),
        "shift_jis": "経済産業省は新しい計画を発表しました。2023年の投資額は前年比で増加しました。"
        "政府は地方自治体と協力して政策を実施します。",
    }
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(samples[encoding].encode(encoding))
    graph = kg.build([path])
    assert graph.last_build.ok, graph.last_build.failed
    assert samples[encoding][:20] in literals(graph)


def test_a_mixed_folder_builds_what_it_can_and_names_every_skip(run_kg, tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.txt").write_text(RELEASE, encoding="utf-8")
    (folder / "b.html").write_text(f"<p>{SENTENCE}</p>", encoding="utf-8")
    write_pdf(folder / "c.pdf", [SENTENCE])
    (folder / "d.docx").write_bytes(b"PK\x03\x04 not really")
    (folder / "e.txt").write_text("")
    (folder / "f.txt").write_bytes(b"\x00\x01\x02")
    (folder / ".hidden").write_text("ignored")
    result = run_kg("build", folder, "--store", tmp_path / "store")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    skipped = [line for line in result.stderr.splitlines() if line.startswith("kg: skipped")]
    assert len(skipped) == 3
    assert any("d.docx: unsupported file type '.docx'" in line for line in skipped)
    assert any("e.txt: empty file" in line for line in skipped)
    assert any("f.txt: binary file" in line for line in skipped)
    assert "built 3 document(s), 0 unchanged, 3 skipped" in result.stderr


STATE_TABLE = """Funding for states was announced on 4 March 2024.

<table> <tbody> <tr class="odd"> <td colspan="3">Awards by state, FY 2024</td> </tr>
<tr class="even"> <td>State</td> <td>Broadband Grants</td> <td>Households Served</td> </tr>
<tr class="odd"> <td>Iowa</td> <td>$12,500,000</td> <td> 48,200</td> </tr>
<tr class="even"> <td><p>New</p> <p>Mexico</p></td> <td>$9,750,000</td> <td>31,000</td> </tr>
<tr class="odd"> <td>Total</td> <td>$22,250,000</td> <td>79,200</td> </tr> </tbody> </table>

The program will expand next year.
"""


def table_observations(graph) -> dict[str, tuple]:
    rows = graph.query("observations", metric="")
    return {r["metric"]: (float(r["value"]), r["unit"], r["period"], r["evidence"]) for r in rows}


def test_an_html_table_in_a_text_is_read_cell_by_cell_under_its_headings(tmp_path):
    release = tmp_path / "awards.md"
    release.write_text(STATE_TABLE)
    graph = kg.build([release])
    found = table_observations(graph)
    assert found["Broadband Grants for Iowa"] == (
        12_500_000,
        "USD",
        "2024",
        "| Iowa | $12,500,000 | 48,200 |",
    )
    assert found["Households Served for New Mexico"][:2] == (31_000, "count")
    assert found["total Broadband Grants"][0] == 22_250_000
    assert len(found) == 6  # every number once; no "td" or "</td" metric from the markup
    assert "<td" not in literals(graph)


def test_a_markdown_pipe_table_reads_like_an_html_one(tmp_path):
    pipes = tmp_path / "pipes.md"
    pipes.write_text(
        "Funding was announced in 2024.\n\n| State | Broadband Grants |\n|---|---|\n"
        "| Iowa | $12,500,000 |\n| Ohio | $3,000,000 |\n"
    )
    found = table_observations(kg.build([pipes]))
    assert {m: v[0] for m, v in found.items()} == {
        "Broadband Grants for Iowa": 12_500_000,
        "Broadband Grants for Ohio": 3_000_000,
    }


def test_html_pages_keep_each_table_row_on_one_line():
    page = (
        "<p>Awards:</p><table><tr><th>State</th><th>Grants</th></tr>"
        "<tr><td>Iowa</td><td>$5</td></tr></table><p>End</p>"
    )
    assert html_text(page) == "Awards:\n\n| State | Grants |\n| Iowa | $5 |\n\nEnd"


def test_a_table_heading_gives_its_cells_their_unit_and_scale(tmp_path):
    release = tmp_path / "budget.md"
    release.write_text(
        "Budget tables for 2024.\n\n"
        "| Agency | Funding ($ millions) | Staff (thousands) | Share (%) |\n"
        "|---|---|---|---|\n"
        "| Energy Office | 5.2 | 1.5 | 12 |\n"
        "| Water Office | $7 billion | 2 | 30 |\n"
    )
    found = table_observations(kg.build([release]))
    assert found["Funding for Energy Office"][:2] == (5_200_000, "USD")  # the unit leaves the name
    assert found["Funding for Water Office"][:2] == (7_000_000_000, "USD")  # the cell's own scale
    assert found["Staff for Energy Office"][:2] == (1_500, "count")
    assert found["Share for Water Office"][:2] == (30, "percent")
