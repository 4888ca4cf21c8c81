"""Graph panel on real traces: layout off the GUI thread, collapse/expand, search, highlight.
The panel draws the session's trace, expand state, cursor and search; the session is fed
known traces (no engine thread)."""
from __future__ import annotations

import threading
from types import SimpleNamespace

import pytest
import torch
import torch.nn.functional as F
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from engine.config import GPTConfig
from engine.models.gpt import GPTModel
from engine.session import outputs as out
from engine.session.graph_picture import GraphMode
from engine.session.spec import ScenarioKey
from engine.tracing.hierarchy import group_id
from engine.tracing.trace_step import trace_training_step
from engine.tracing.types import NodeKind
from gui.views.graph_panel import BUILDING_MESSAGE, GraphPanel
from gui.views.graph_view import EMPTY_MESSAGE, READABLE_SCALE
from session_helpers import feed_trace, offline_adapter


def gpt_trace(cfg: GPTConfig, num_tokens: int = 8):
    torch.manual_seed(0)
    model = GPTModel(cfg)
    tokens = torch.randint(0, cfg.vocab_size, (1, num_tokens + 1))
    inputs, targets = tokens[:, :-1], tokens[:, 1:]

    def loss_fn(logits, targets):  # (b, num_tokens, vocab_size) vs (b, num_tokens)
        return F.cross_entropy(logits.flatten(0, 1), targets.flatten())

    optimizer = torch.optim.AdamW(model.parameters(), lr=4e-4)
    return trace_training_step(model, inputs, targets, loss_fn, optimizer=optimizer, scenario="gpt")


@pytest.fixture(scope="module")
def twelve_layer_trace():
    """A 12-block GPT: over 500 autograd nodes, too big to fit at a readable zoom. Read only."""
    return gpt_trace(GPTConfig(vocab_size=64, context_length=16, emb_dim=16, n_heads=2,
                               n_layers=12, drop_rate=0.0, qkv_bias=False))


def make_panel(qtbot, trace=None, key=ScenarioKey.GPT, size=(900, 700)) -> GraphPanel:
    adapter = offline_adapter(key)
    panel = GraphPanel(adapter.session)
    panel.connect_session(adapter)
    panel.adapter = adapter  # kept alive with the widget
    qtbot.addWidget(panel)
    panel.resize(*size)
    panel.show()
    if trace is not None:
        relayout(qtbot, panel, lambda: feed_trace(adapter.session, trace))
    return panel


def relayout(qtbot, panel, action):
    with qtbot.waitSignal(panel.layoutApplied, timeout=60000):
        action()


def backward_position(trace, step) -> int:
    """The cursor position of a backward node."""
    return len(trace.forward_ops) + 1 + step.index


def test_empty_and_building_states_tell_what_is_going_on(qtbot):
    panel = make_panel(qtbot, key=ScenarioKey.SCALAR)
    assert "F5" in panel.view.empty_message and "F11" in panel.view.empty_message
    assert not panel.view.nodes and not panel.search_box.isEnabled()
    session = panel.session
    session.reset()  # no steps: rebuilt at once
    assert panel.view.empty_message == BUILDING_MESSAGE
    session.handle(out.ModelBuilt(session.generation, SimpleNamespace(config=None, device="cpu")))
    assert panel.view.empty_message == EMPTY_MESSAGE and not panel.view.nodes


def test_layout_runs_off_gui_thread_and_arrives_by_signal(qtbot, scalar_trace):
    panel = make_panel(qtbot, key=ScenarioKey.SCALAR)
    with qtbot.waitSignal(panel.runner.layoutReady, timeout=30000) as blocker:
        feed_trace(panel.session, scalar_trace)
    generation, graph, layout = blocker.args
    assert panel.runner.last_thread_id is not None
    assert panel.runner.last_thread_id != threading.get_ident()
    qtbot.waitUntil(lambda: bool(panel.view.nodes))
    # every node of the forward graph is drawn where the layout put it
    assert set(panel.view.nodes) == set(scalar_trace.forward_graph.nodes)
    for node, (x, y) in layout.positions.items():
        pos = panel.view.nodes[node].pos()
        assert (pos.x(), pos.y()) == pytest.approx((x, y))
    assert not panel.view.sceneRect().isEmpty()
    assert panel.search_box.isEnabled() and panel.status.text() == "8 nodes"


def test_stale_layout_is_dropped(qtbot, scalar_trace):
    panel = make_panel(qtbot, scalar_trace, ScenarioKey.SCALAR)
    delivered = []
    panel.runner.layoutReady.connect(lambda g, *_: delivered.append(g))
    first = panel.runner.request(scalar_trace.forward_graph)
    second = panel.runner.request(scalar_trace.forward_graph)
    qtbot.waitUntil(lambda: second in delivered, timeout=30000)
    panel.runner.wait_idle()
    QApplication.processEvents()  # deliver anything the finished layout thread still queued
    assert first not in delivered


def test_scalar_labels_show_values_shapes_and_source_names(qtbot, scalar_trace):
    panel = make_panel(qtbot, scalar_trace, ScenarioKey.SCALAR)
    texts = {item.full_title: item.detail for item in panel.view.nodes.values()}
    assert texts["mul"] == "x·w=2.42"
    assert texts["add"] == "z=2.42"
    assert texts["sigmoid"].startswith("a=0.918")
    assert texts["binary_cross_entropy"].startswith("L=0.085")
    assert texts["w"] == "2.2"
    assert texts["x"] == "1.1" and texts["y"] == "1"  # the data nodes use the source's names
    assert not {"inputs", "targets"} & set(texts)


def test_gpt_opens_collapsed_and_expands_and_collapses(qtbot, micro_trace):
    panel = make_panel(qtbot, micro_trace)
    session = panel.session
    groups = [n for n, a in panel.picture.graph.nodes(data=True) if a["kind"] == NodeKind.GROUP]
    assert group_id("trf_blocks") in groups
    assert panel.view.nodes[group_id("trf_blocks")].full_title == "TransformerBlock × 2"
    collapsed_count = len(panel.view.nodes)
    before = set(panel.view.nodes)

    relayout(qtbot, panel, lambda: session.expand("trf_blocks"))
    assert group_id("trf_blocks") not in panel.view.nodes
    assert len(panel.view.nodes) > collapsed_count
    assert any("W_query" in (a.get("module") or "") for _, a in panel.picture.graph.nodes(data=True))
    assert before & set(panel.view.nodes)  # embeddings, final norm, head and loss stay on screen

    # double-click on an op inside trf_blocks.0.att collapses that attention module
    att_node = next(n for n, a in panel.picture.graph.nodes(data=True)
                    if a.get("kind") == NodeKind.FORWARD and a.get("op") == "softmax")
    assert session.traced.facts.collapsible_module_of(
        GraphMode.FORWARD, att_node, session.expanded) == "trf_blocks.0.att"
    view = panel.view
    item = view.nodes[att_node]
    view.centerOn(item)
    qtbot.waitUntil(lambda: view.viewport().rect().contains(view.mapFromScene(item.scenePos())),
                    timeout=5000)
    with qtbot.waitSignal(panel.layoutApplied, timeout=60000):
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton,
                          pos=view.mapFromScene(item.scenePos()))
    assert "trf_blocks.0.att" not in session.expanded
    assert group_id("trf_blocks.0.att") in panel.view.nodes and att_node not in panel.view.nodes
    # and that group expands again (the window test double-clicks a group)
    relayout(qtbot, panel, lambda: panel.toggle_node(group_id("trf_blocks.0.att")))
    assert att_node in panel.view.nodes


def test_search_finds_w_query_and_enter_cycles(qtbot, micro_trace):
    panel = make_panel(qtbot, micro_trace)
    session, view = panel.session, panel.view
    relayout(qtbot, panel, panel.expand_all)
    panel.focus_search()
    session.search("W_query")
    assert panel.search_box.text() == "W_query"  # the box shows the session's search
    matches = panel.matches()
    assert len(matches) >= 2  # one per block at least (op and weight)
    assert all("W_query" in " ".join(str(v) for v in panel.picture.graph.nodes[m].values())
               for m in matches)
    assert view.marked() == set(matches)
    port = view.viewport().rect()
    for i in (0, 1):
        node = panel.find_next()
        assert node == matches[i] and panel.status.text() == f"{i + 1} / {len(matches)}"
        assert port.contains(view.mapFromScene(view.nodes[node].sceneBoundingRect()).boundingRect())
    # collapsed: the match is the group that holds it (a search kept over a relayout is
    # test_search_marks_survive_a_relayout)
    session.search("")
    relayout(qtbot, panel, panel.collapse_default)
    session.search("W_query")
    group = group_id("trf_blocks")
    assert panel.matches() == [group] and view.marked() == {group} and view.nodes[group].search_mark
    # typing in the box and pressing Enter does the same
    panel.search_box.clear()
    assert session.search_query == "" and not view.marked()
    qtbot.keyClicks(panel.search_box, "w_query")
    assert session.search_query == "w_query"
    qtbot.keyClick(panel.search_box, Qt.Key.Key_Return)
    assert panel.status.text() == "1 / 1 (double-click to expand)"


def test_search_marks_survive_a_relayout(qtbot, micro_trace):
    panel = make_panel(qtbot, micro_trace)
    session, view = panel.session, panel.view
    group = group_id("trf_blocks")
    session.search("W_query")
    assert view.nodes[group].search_mark
    with qtbot.waitSignal(panel.runner.layoutReady, timeout=60000):
        session.collapse("loss")  # another relayout: the group stays, in a new item
    assert panel.matches() == [group] and view.nodes[group].search_mark
    with qtbot.waitSignal(panel.runner.layoutReady, timeout=60000):
        session.expand("trf_blocks")  # the group goes: its W_query nodes match now
    assert group not in view.nodes and len(panel.matches()) >= 2
    assert all(view.nodes[n].search_mark for n in panel.matches())
    assert panel.status.text().endswith("matches")  # the layout was applied to the end


def test_highlight_maps_backward_nodes_to_forward_and_groups(qtbot, micro_trace):
    panel = make_panel(qtbot, micro_trace)
    session = panel.session
    steps = micro_trace.backward_steps
    in_block = next(s for s in steps if s.module.startswith("trf_blocks."))
    session.seek(backward_position(micro_trace, in_block))
    assert panel.view.current() == group_id("trf_blocks")
    loss_step = steps[0]
    session.seek(backward_position(micro_trace, loss_step))
    assert panel.view.current() == loss_step.forward_node_id
    session.seek(backward_position(micro_trace, steps[2]))
    assert loss_step.forward_node_id in panel.view.done()
    edge = next(e for (u, v), e in panel.view.edges.items() if v == loss_step.forward_node_id)
    assert edge.done  # the gradient went back along the loss's input edges
    session.seek(0)
    assert not panel.view.done() and not edge.done


def test_raw_autograd_mode_and_zoom_lod(qtbot, scalar_trace):
    panel = make_panel(qtbot, scalar_trace, ScenarioKey.SCALAR)
    relayout(qtbot, panel, lambda: panel.raw_toggle.setChecked(True))
    assert panel.mode == GraphMode.AUTOGRAD
    titles = {item.full_title for item in panel.view.nodes.values()}
    assert {"BinaryCrossEntropyBackward0", "SigmoidBackward0", "AddBackward0", "MulBackward0",
            "AccumulateGrad (w)", "AccumulateGrad (b)"} <= titles
    # AccumulateGrad at the top, the loss's grad_fn at the bottom (same reading as forward)
    nodes = panel.view.nodes
    acc = next(i for i in nodes.values() if i.full_title == "AccumulateGrad (w)")
    root = next(i for i in nodes.values() if i.full_title == "BinaryCrossEntropyBackward0")
    assert acc.pos().y() < root.pos().y()
    # nodes that have run are solid, the rest faded; the edge the gradient left by is lit
    panel.session.seek(backward_position(scalar_trace, scalar_trace.backward_steps[0]))
    assert panel.view.current() == root.node_id
    assert not root.dimmed and acc.dimmed
    assert any(e.done for (u, v), e in panel.view.edges.items() if u == root.node_id)
    panel.view.set_zoom(0.1)
    assert not panel.view.labels_shown()
    panel.view.set_zoom(1.5)
    assert panel.view.labels_shown()
    panel.view.zoom_by(100)
    assert panel.view.zoom() <= 4.0
    qtbot.keyClick(panel.view, Qt.Key.Key_F)  # fit
    assert panel.view.zoom() <= 1.5
    # the minimap draws the visible area inside itself
    panel.minimap.render_scene()
    assert panel.minimap._pixmap is not None


def test_twelve_layer_gpt_fully_expanded_loads(qtbot, twelve_layer_trace):
    trace = twelve_layer_trace
    panel = make_panel(qtbot, trace)
    relayout(qtbot, panel, panel.expand_all)
    assert len(panel.view.nodes) == trace.forward_graph.number_of_nodes()
    relayout(qtbot, panel, lambda: panel.set_mode(GraphMode.AUTOGRAD))
    assert len(panel.view.nodes) == trace.backward_graph.number_of_nodes()
    assert trace.backward_graph.number_of_nodes() > 500
    panel.session.run_to_end()
    assert panel.view.done() == set(panel.view.nodes)  # every gradient is known at the update
    panel.view.fit()
    panel.grab()  # paints every item once, offscreen


def test_next_trace_of_same_model_keeps_expand_state(qtbot, micro_trace):
    panel = make_panel(qtbot, micro_trace)
    session = panel.session
    relayout(qtbot, panel, lambda: session.expand("trf_blocks"))
    expanded = session.expanded
    relayout(qtbot, panel, lambda: feed_trace(session, micro_trace, step=2))
    assert session.traced.step == 2
    assert session.expanded == expanded and group_id("trf_blocks") not in panel.view.nodes


def test_wheel_zooms_and_minimap_click_moves_view(qtbot, micro_trace):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent

    panel = make_panel(qtbot, micro_trace)
    relayout(qtbot, panel, panel.expand_all)
    view = panel.view
    view.set_zoom(0.5)
    center = QPointF(view.viewport().rect().center())
    wheel = QWheelEvent(center, view.viewport().mapToGlobal(center), QPoint(0, 0), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.zoom() == pytest.approx(0.5 * 1.15)
    # clicking the bottom of the minimap scrolls the (tall) graph to its end
    minimap = panel.minimap
    minimap.render_scene()
    before = view.mapToScene(view.viewport().rect().center()).y()
    target = minimap._target
    qtbot.mouseClick(minimap, Qt.MouseButton.LeftButton,
                     pos=QPoint(int(target.center().x()), int(target.bottom()) - 2))
    after = view.mapToScene(view.viewport().rect().center()).y()
    assert after > before
    frame = minimap.visible_rect()
    assert frame.bottom() > target.center().y()  # the drawn frame follows the view


def test_minimap_only_when_graph_does_not_fit(qtbot, scalar_trace):
    panel = make_panel(qtbot, scalar_trace, ScenarioKey.SCALAR)
    panel.view.fit()
    assert panel.minimap.isHidden()  # the whole graph is on screen: no overview needed
    panel.view.set_zoom(3.0)
    assert not panel.minimap.isHidden()


def test_big_graph_opens_readable_and_follows_the_cursor(qtbot, twelve_layer_trace):
    trace = twelve_layer_trace
    panel = make_panel(qtbot, trace, size=(700, 400))
    view, session = panel.view, panel.session
    assert view.fit_scale() < READABLE_SCALE  # fitting this graph would shrink the labels
    assert view.zoom() >= READABLE_SCALE  # so it opens at a readable zoom instead
    loss = panel.picture.loss_node()
    port = view.viewport().rect()

    def on_screen(node):
        return port.contains(view.mapFromScene(view.nodes[node].sceneBoundingRect()).boundingRect())

    assert on_screen(loss)  # before any step it opens where backprop starts
    session.seek(len(trace.forward_ops) + 1)  # the first backward node: the loss
    assert view.current() == loss and on_screen(loss)
    before = (view.horizontalScrollBar().value(), view.verticalScrollBar().value())
    session.seek(len(trace.forward_ops) + 1)  # already visible: no jump
    assert (view.horizontalScrollBar().value(), view.verticalScrollBar().value()) == before
    session.seek(len(trace.forward_ops) + len(trace.backward_steps))  # the last backward node
    assert view.current() is not None and on_screen(view.current())
    view.fit()  # the Fit button still fits everything
    assert view.zoom() == pytest.approx(view.fit_scale(), rel=0.05)
    assert loss in view.nodes
