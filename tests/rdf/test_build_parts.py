"""One number measuring several coordinated things is several observations, each its own node."""

import kg


def test_each_whole_of_one_number_gets_its_own_observation_node(tmp_path):
    source = tmp_path / "rcep.txt"
    source.write_text(  # dev (RCEP)
        "The 15 participating countries of the RCEP account for around 30 percent of the global"
        " population, global gross domestic product and global trade.\n",
        encoding="utf-8",
    )
    rows = kg.build([source]).sparql(
        "PREFIX kgo: <https://w3id.org/policy-kg/ontology#>"
        " SELECT ?o WHERE { ?o a kgo:Observation ; kgo:unit 'percent' }"
    )
    nodes = sorted(str(row["o"]) for row in rows)
    assert len(nodes) == 3
    assert [node.rsplit("/", 1)[1].partition("-")[2] for node in nodes] == ["", "1", "2"]
