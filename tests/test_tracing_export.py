"""JSON, GraphML and DOT exports read back; the `trace` CLI end to end."""
import json
import shutil
import subprocess

import networkx as nx
import pytest

from engine.cli import main
from engine.tracing.hierarchy import group_id
from engine.tracing.export import backward_group_id, export_trace, graph_from_json, read_dot, to_dot




def test_json_has_nodes_edges_gradients_and_order(scalar_trace, tmp_path):
    path = tmp_path / "t.json"
    g = export_trace(scalar_trace, path, "json")
    data = json.loads(path.read_text())
    back = graph_from_json(data)
    assert back.number_of_nodes() == g.number_of_nodes() == 8 + 6
    assert set(back.edges) == set(g.edges)
    assert data["backward_order"] == [s.node_id for s in scalar_trace.backward_steps]
    sig = next(n for n in data["nodes"] if n.get("op") == "SigmoidBackward0")
    assert sig["grad_in"][0]["values"] == [pytest.approx(-1.0889, abs=1e-4)]
    assert sig["grad_out"][0]["values"] == [pytest.approx(-0.0817, abs=1e-4)]
    da_dz = next(f for f in sig["chain"] if (f["of"], f["wrt"]) == ("a", "z"))
    assert da_dz["value"] == pytest.approx(0.0750, abs=1e-4) and da_dz["formula"] == "a(1−a)"
    assert {n["kind"] for n in data["nodes"]} == {"input", "parameter", "forward", "loss", "backward"}
    assert sig["forward"] in back and back.nodes[sig["forward"]]["op"] == "sigmoid"
    add = next(n for n in data["nodes"] if n.get("op") == "add")
    assert add["value"]["values"] == [pytest.approx(2.42)]
    assert {u["param_name"] for u in data["updates"]} == {"w", "b"}


def test_graphml_reads_back(scalar_trace, tmp_path):
    path = tmp_path / "t.graphml"
    g = export_trace(scalar_trace, path, "graphml", which="backward")
    back = nx.read_graphml(path)
    assert back.number_of_nodes() == g.number_of_nodes() == 6
    assert back.number_of_edges() == g.number_of_edges() == 5
    acc = [d for _, d in back.nodes(data=True) if d["op"] == "AccumulateGrad"]
    assert {d["param_name"] for d in acc} == {"w", "b"}
    assert all(isinstance(d["grad_in_norm"], float) for d in acc)
    assert {d["kind"] for _, d in back.nodes(data=True)} == {"backward"}  # the plain value


def test_dot_round_trip_and_graphviz_accepts_it(scalar_trace, tmp_path):
    g = export_trace(scalar_trace, tmp_path / "t.dot", "dot")
    text = (tmp_path / "t.dot").read_text()
    back = read_dot(text)
    assert back.number_of_nodes() == g.number_of_nodes()
    assert set(back.edges) == set(g.edges)
    assert back.nodes["f2"]["op"] == "sigmoid" and back.nodes["f2"]["kind"] == "forward"
    tricky = nx.DiGraph()
    tricky.add_node('a "quoted" \\ id', label="line\nbreak", graph="x")
    tricky.add_edge('a "quoted" \\ id', "node")
    again = read_dot(to_dot(tricky))
    assert set(again.nodes) == set(tricky.nodes) and again.nodes["node"] == {}
    assert again.nodes['a "quoted" \\ id']["label"] == "line\nbreak"
    if shutil.which("dot"):
        run = subprocess.run(["dot", "-Tplain", str(tmp_path / "t.dot")], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        assert run.stdout.count("\nnode ") == g.number_of_nodes()


def test_cli_trace_gpt_collapsed(tmp_path, capsys):
    out = tmp_path / "gpt.json"
    rc = main(["trace", "--scenario", "gpt", "--preset", "micro", "-o", str(out), "--collapse", "0"])
    assert rc == 0, capsys.readouterr().err
    data = json.loads(out.read_text())
    labels = {n["label"] for n in data["nodes"] if n["kind"] == "group"}
    assert {"TransformerBlock × 2", "Embedding", "LayerNorm", "Linear"} <= labels
    assert all(not n["id"].startswith(group_id("trf_blocks.")) for n in data["nodes"])
    # forward and backward groups both present, with distinct ids
    assert {group_id("trf_blocks"), backward_group_id(group_id("trf_blocks"))} <= {n["id"] for n in data["nodes"]}
    assert len(data["backward_order"]) > 100
    assert "autograd nodes" in capsys.readouterr().out


def test_collapse_depth_one_keeps_blocks_apart():
    from engine.tracing.export import expanded_to_depth
    g = nx.DiGraph(modules={"trf_blocks": "Sequential", "trf_blocks.0": "TransformerBlock",
                            "trf_blocks.0.att": "MultiHeadAttention", "out_head": "Linear"})
    g.add_node("f0", module="trf_blocks.0.att")
    g.add_node("f1", module="out_head")
    assert expanded_to_depth(g, 1) == {"trf_blocks", "out_head"}
    assert expanded_to_depth(g, 0) == set()
    assert expanded_to_depth(g, None) == {"trf_blocks", "trf_blocks.0", "trf_blocks.0.att", "out_head"}


@pytest.mark.parametrize("fmt", ["graphml", "dot"])
def test_cli_trace_small_scenarios(tmp_path, fmt):
    out = tmp_path / f"s.{fmt}"
    assert main(["trace", "--scenario", "simplenet", "-o", str(out)]) == 0
    g = nx.read_graphml(out) if fmt == "graphml" else read_dot(out.read_text())
    assert any(d.get("op") == "ReluBackward0" for _, d in g.nodes(data=True))


def test_cli_trace_reports_user_errors(tmp_path, capsys):
    assert main(["trace", "--scenario", "gpt", "--preset", "nope", "-o", str(tmp_path / "x.json")]) == 2
    assert "Unknown preset 'nope'" in capsys.readouterr().err
    assert main(["trace", "--scenario", "scalar", "--preset", "nano", "-o", str(tmp_path / "x.json")]) == 2
    assert "only apply to --scenario gpt" in capsys.readouterr().err
    assert main(["trace", "--scenario", "scalar", "-o", str(tmp_path / "no" / "x.json")]) == 2
    assert "does not exist" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text('{"emb_dim": "big"}')
    assert main(["trace", "--scenario", "gpt", "--config", str(bad), "-o", str(tmp_path / "x.json")]) == 2
    assert "emb_dim" in capsys.readouterr().err
