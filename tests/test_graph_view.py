"""Graph panel on real traces: layout off the GUI thread, collapse/expand, search, highlight."""
from __future__ import annotations

import threading

import pytest
import torch
import torch.nn.functional as F
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from engine.config import GPTConfig
from engine.models.gpt import GPTModel
from engine.presets import PRESETS
from engine.tracing.hierarchy import group_id
from engine.tracing.types import NodeKind
from engine.tracing.trace_step import trace_training_step
from gui.views.graph_panel import AUTOGRAD, GraphPanel


def gpt_trace(cfg: GPTConfig, num_tokens: int = 8):
    torch.manual_seed(0)
    model = GPTModel(cfg)
    tokens = torch.randint(0, cfg.vocab_size, (1, num_tokens + 1))
    inputs, targets = tokens[:, :-1], tokens[:, 1:]

    def loss_fn(logits, targets):  # (b, num_tokens, vocab_size) vs (b, num_tokens)
        return F.cross_entropy(logits.flatten(0, 1), targets.flatten())

    optimizer = torch.optim.AdamW(model.parameters(), lr=4e-4)
    return trace_training_step(model, inputs, targets, loss_fn, optimizer=optimizer, scenario="gpt")






def make_panel(qtbot, trace=None) -> GraphPanel:
    panel = GraphPanel()
    qtbot.addWidget(panel)
    panel.resize(900, 700)
    panel.show()
    if trace is not None:
        with qtbot.waitSignal(panel.layoutApplied, timeout=30000):
            panel.set_trace(trace)
    return panel


def relayout(qtbot, panel, action):
    with qtbot.waitSignal(panel.layoutApplied, timeout=60000):
        action()


def test_empty_state_tells_what_to_do(qtbot):
    panel = make_panel(qtbot)
    assert "F5" in panel.view.empty_message and "F11" in panel.view.empty_message
    assert not panel.view.nodes


def test_layout_runs_off_gui_thread_and_arrives_by_signal(qtbot, scalar_trace):
    panel = make_panel(qtbot)
    with qtbot.waitSignal(panel.runner.layoutReady, timeout=30000) as blocker:
        panel.set_trace(scalar_trace)
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


def test_stale_layout_is_dropped(qtbot, scalar_trace):
    panel = make_panel(qtbot, scalar_trace)
    delivered = []
    panel.runner.layoutReady.connect(lambda g, *_: delivered.append(g))
    first = panel.runner.request(scalar_trace.forward_graph)
    second = panel.runner.request(scalar_trace.forward_graph)
    qtbot.waitUntil(lambda: second in delivered, timeout=30000)
    panel.runner.wait_idle()
    QApplication.processEvents()  # deliver anything the finished layout thread still queued
    assert first not in delivered


def test_scalar_labels_show_values_and_shapes(qtbot, scalar_trace):
    panel = make_panel(qtbot, scalar_trace)
    texts = {item.full_title: item.detail for item in panel.view.nodes.values()}
    assert texts["mul"] == "2.42"  # x*w; only the add node is z
    assert texts["add"] == "z=2.42"
    assert texts["sigmoid"].startswith("a=0.918")
    assert texts["binary_cross_entropy"].startswith("L=0.085")
    assert texts["w"] == "2.2"


def test_gpt_opens_collapsed_and_expands_by_api_and_double_click(qtbot, micro_trace):
    panel = make_panel(qtbot, micro_trace)
    groups = [n for n, a in panel.visible_graph.nodes(data=True) if a["kind"] == NodeKind.GROUP]
    assert group_id("trf_blocks") in groups
    assert panel.view.nodes[group_id("trf_blocks")].full_title == "TransformerBlock × 2"
    collapsed_count = len(panel.view.nodes)
    before = {n: panel.view.nodes[n].pos() for n in panel.view.nodes}

    relayout(qtbot, panel, lambda: panel.expand("trf_blocks"))
    assert group_id("trf_blocks") not in panel.view.nodes
    assert len(panel.view.nodes) > collapsed_count
    assert any("W_query" in (a.get("module") or "") for _, a in panel.visible_graph.nodes(data=True))
    common = [n for n in before if n in panel.view.nodes]
    assert common  # embeddings, final norm, head and loss stay on screen

    # double-click on an op inside trf_blocks.0.att collapses that attention module
    att_node = next(n for n, a in panel.visible_graph.nodes(data=True)
                    if a.get("kind") == NodeKind.FORWARD and a.get("op") == "softmax")
    module = panel.collapsible_module_of(att_node)
    assert module == "trf_blocks.0.att"
    view = panel.view
    item = view.nodes[att_node]
    view.centerOn(item)
    qtbot.waitUntil(lambda: view.viewport().rect().contains(view.mapFromScene(item.scenePos())), timeout=5000)
    point = view.mapFromScene(item.scenePos())
    with qtbot.waitSignal(panel.layoutApplied, timeout=60000):
        qtbot.mouseDClick(view.viewport(), Qt.LeftButton, pos=point)
    assert group_id("trf_blocks.0.att") in panel.view.nodes
    assert att_node not in panel.view.nodes

    # and double-clicking that group expands it again
    group_item = panel.view.nodes[group_id("trf_blocks.0.att")]
    panel.view.centerOn(group_item)
    qtbot.waitUntil(lambda: panel.view.viewport().rect().contains(
        panel.view.mapFromScene(group_item.scenePos())), timeout=5000)
    with qtbot.waitSignal(panel.layoutApplied, timeout=60000):
        qtbot.mouseDClick(panel.view.viewport(), Qt.LeftButton,
                          pos=panel.view.mapFromScene(group_item.scenePos()))
    assert att_node in panel.view.nodes


def test_search_finds_w_query_and_enter_cycles(qtbot, micro_trace):
    panel = make_panel(qtbot, micro_trace)
    relayout(qtbot, panel, panel.expand_all)
    panel.focus_search()
    matches = panel.find("W_query")
    assert len(matches) >= 2  # one per block at least (op and weight)
    assert all("W_query" in " ".join(str(v) for v in panel.visible_graph.nodes[m].values())
               for m in matches)
    first = panel.find_next()
    assert first == matches[0] and panel.view.nodes[first].isSelected()
    second = panel.find_next()
    assert second == matches[1] and not panel.view.nodes[first].isSelected()
    # collapsed: the match is the group that holds it
    relayout(qtbot, panel, panel.collapse_default)
    assert panel.find("W_query") == [group_id("trf_blocks")]
    # typing in the box and pressing Enter does the same
    panel.search.clear()
    qtbot.keyClicks(panel.search, "w_query")
    qtbot.keyClick(panel.search, Qt.Key_Return)
    assert panel.view.nodes[group_id("trf_blocks")].isSelected()


def test_highlight_maps_backward_nodes_to_forward_and_groups(qtbot, micro_trace):
    panel = make_panel(qtbot, micro_trace)
    steps = micro_trace.backward_steps
    in_block = next(s for s in steps if s.module.startswith("trf_blocks."))
    panel.set_current(in_block.node_id)
    assert panel.view.current() == group_id("trf_blocks")
    loss_step = steps[0]
    panel.set_current(loss_step.node_id)
    assert panel.view.current() == loss_step.forward_node_id
    panel.set_done([s.node_id for s in steps[:3]])
    done = panel.view.done()
    assert loss_step.forward_node_id in done
    edge = next(e for (u, v), e in panel.view.edges.items() if v == loss_step.forward_node_id)
    assert edge.done  # the gradient went back along the loss's input edges


def test_raw_autograd_mode_and_zoom_lod(qtbot, scalar_trace):
    panel = make_panel(qtbot, scalar_trace)
    relayout(qtbot, panel, lambda: panel.raw_toggle.setChecked(True))
    assert panel.mode == AUTOGRAD
    titles = {item.full_title for item in panel.view.nodes.values()}
    assert {"BinaryCrossEntropyBackward0", "SigmoidBackward0", "AddBackward0", "MulBackward0",
            "AccumulateGrad (w)", "AccumulateGrad (b)"} <= titles
    # AccumulateGrad at the top, the loss's grad_fn at the bottom (same reading as forward)
    nodes = panel.view.nodes
    acc = next(i for i in nodes.values() if i.full_title == "AccumulateGrad (w)")
    root = next(i for i in nodes.values() if i.full_title == "BinaryCrossEntropyBackward0")
    assert acc.pos().y() < root.pos().y()
    # nodes that have run are solid, the rest faded; the edge the gradient left by is lit
    panel.set_done([scalar_trace.backward_steps[0].node_id])
    assert not root.dimmed and acc.dimmed
    assert any(e.done for (u, v), e in panel.view.edges.items() if u == root.node_id)
    panel.view.set_zoom(0.1)
    assert not panel.view.labels_shown()
    panel.view.set_zoom(1.5)
    assert panel.view.labels_shown()
    panel.view.zoom_by(100)
    assert panel.view.zoom() <= 4.0
    qtbot.keyClick(panel.view, Qt.Key_F)  # fit
    assert panel.view.zoom() <= 1.5
    # the minimap draws the visible area inside itself
    panel.minimap.render_scene()
    assert panel.minimap._pixmap is not None


def test_twelve_layer_gpt_fully_expanded_loads(qtbot):
    cfg = GPTConfig(vocab_size=64, context_length=16, emb_dim=16, n_heads=2, n_layers=12,
                    drop_rate=0.0, qkv_bias=False)
    trace = gpt_trace(cfg)
    panel = make_panel(qtbot, trace)
    relayout(qtbot, panel, panel.expand_all)
    assert len(panel.view.nodes) == trace.forward_graph.number_of_nodes()
    relayout(qtbot, panel, lambda: panel.set_mode(AUTOGRAD))
    assert len(panel.view.nodes) == trace.backward_graph.number_of_nodes()
    assert trace.backward_graph.number_of_nodes() > 500
    panel.set_done([s.node_id for s in trace.backward_steps])
    panel.view.fit()
    panel.grab()  # paints every item once, offscreen


def test_next_trace_of_same_model_keeps_expand_state(qtbot, micro_trace):
    panel = make_panel(qtbot, micro_trace)
    relayout(qtbot, panel, lambda: panel.expand("trf_blocks"))
    expanded = set(panel.expanded)
    later = gpt_trace(PRESETS["micro"])  # same model shape, another step's numbers
    relayout(qtbot, panel, lambda: panel.set_trace(later))
    assert panel.expanded == expanded and group_id("trf_blocks") not in panel.view.nodes
    panel.clear()
    assert not panel.view.nodes and panel.trace is None


def test_wheel_zooms_and_minimap_click_moves_view(qtbot, micro_trace):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    panel = make_panel(qtbot, micro_trace)
    relayout(qtbot, panel, panel.expand_all)
    view = panel.view
    view.set_zoom(0.5)
    center = QPointF(view.viewport().rect().center())
    wheel = QWheelEvent(center, view.viewport().mapToGlobal(center), QPoint(0, 0), QPoint(0, 120),
                        Qt.NoButton, Qt.NoModifier, Qt.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.zoom() == pytest.approx(0.5 * 1.15)
    # clicking the bottom of the minimap scrolls the (tall) graph to its end
    minimap = panel.minimap
    minimap.render_scene()
    before = view.mapToScene(view.viewport().rect().center()).y()
    target = minimap._target
    qtbot.mouseClick(minimap, Qt.LeftButton, pos=QPoint(int(target.center().x()), int(target.bottom()) - 2))
    after = view.mapToScene(view.viewport().rect().center()).y()
    assert after > before
    frame = minimap.visible_rect()
    assert frame.bottom() > target.center().y()  # the drawn frame follows the view


def test_minimap_only_when_graph_does_not_fit(qtbot, scalar_trace):
    panel = make_panel(qtbot, scalar_trace)
    panel.view.fit()
    assert panel.minimap.isHidden()  # the whole graph is on screen: no overview needed
    panel.view.set_zoom(3.0)
    assert not panel.minimap.isHidden()


def test_scalar_data_nodes_use_the_source_names(qtbot, scalar_trace):
    panel = make_panel(qtbot, scalar_trace)
    texts = {(item.full_title, item.detail) for item in panel.view.nodes.values()}
    assert ("x", "1.1") in texts and ("y", "1") in texts
    assert not {"inputs", "targets"} & {t for t, _ in texts}


def test_big_graph_opens_readable_and_follows_the_cursor(qtbot):
    from engine.tracing.cursor import StepCursor
    from gui.views.graph_view import READABLE_SCALE

    cfg = GPTConfig(vocab_size=64, context_length=16, emb_dim=16, n_heads=2, n_layers=12,
                    drop_rate=0.0, qkv_bias=False)
    trace = gpt_trace(cfg)
    panel = GraphPanel()
    qtbot.addWidget(panel)
    panel.resize(700, 400)
    panel.show()
    relayout(qtbot, panel, lambda: panel.set_trace(trace))
    view = panel.view
    assert view.fit_scale() < READABLE_SCALE  # fitting this graph would shrink the labels
    assert view.zoom() >= READABLE_SCALE  # so it opens at a readable zoom instead
    loss = next(n for n, a in panel.visible_graph.nodes(data=True) if a.get("kind") == NodeKind.LOSS)
    port = view.viewport().rect()

    def on_screen(node):
        return port.contains(view.mapFromScene(view.nodes[node].sceneBoundingRect()).boundingRect())

    cursor = StepCursor(trace)
    cursor.seek(len(trace.forward_ops) + 1)  # the first backward node: the loss
    panel.show_cursor(cursor)
    assert on_screen(view.current())
    before = (view.horizontalScrollBar().value(), view.verticalScrollBar().value())
    panel.show_cursor(cursor)  # already visible: no jump
    assert (view.horizontalScrollBar().value(), view.verticalScrollBar().value()) == before
    cursor.seek(len(trace.forward_ops) + len(trace.backward_steps))  # the last backward node
    panel.show_cursor(cursor)
    assert view.current() is not None and on_screen(view.current())
    view.fit()  # the Fit button still fits everything
    assert view.zoom() == pytest.approx(view.fit_scale(), rel=0.05)
    assert loss in view.nodes
