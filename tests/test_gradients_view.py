"""GradientsView shows a real ParamStats: table, bars and histograms hold the payload's numbers."""
import numpy as np
import pytest
import torch

from engine.models.gpt import GPTModel
from engine.presets import get_preset
from engine.probes.param_stats import ParamStatsRecorder
from gui.views.gradients_view import (COL_GRAD, COL_INDEX, COL_NAME, COL_RATIO, COL_WEIGHT, EMPTY_TEXT,
                                      GradientsView, update_ratios)


def _gpt_stats(steps=1):
    """ParamStats from real AdamW steps of the micro GPT on random tokens."""
    torch.manual_seed(0)
    model = GPTModel(get_preset("micro"))
    opt = torch.optim.AdamW(model.parameters(), lr=4e-4)
    rec = ParamStatsRecorder(model, bins=32)
    ids = torch.randint(0, 50257, (2, 8), generator=torch.Generator().manual_seed(1))
    out = []
    for step in range(1, steps + 1):
        rec.before_step()
        opt.zero_grad()
        logits = model(ids)  # (b, num_tokens, vocab_size)
        torch.nn.functional.cross_entropy(logits.flatten(0, 1), ids.flatten()).backward()
        opt.step()
        out.append(rec.after_step(step))
    return out


@pytest.fixture(scope="module")
def gpt_stats():
    return _gpt_stats(steps=3)


@pytest.fixture
def view(qtbot):
    v = GradientsView()
    qtbot.addWidget(v)
    v.resize(700, 450)
    return v


def test_empty_state_until_first_stats(view):
    assert view.is_empty() and EMPTY_TEXT in view._empty.text()
    view.refresh()
    assert view.repaints == 0 and view._stack.currentIndex() == 0


def test_table_and_bars_hold_the_payload(view, gpt_stats):
    stats = gpt_stats[-1]
    view.set_stats(stats)
    view.refresh()
    assert view.repaints == 1 and view._stack.currentIndex() == 1
    assert view.table.rowCount() == len(stats.names) > 20
    ratios = update_ratios(stats)
    for row in range(view.table.rowCount()):
        i = int(view.table.item(row, COL_INDEX).value)
        assert view.table.item(row, COL_NAME).text() == stats.names[i]
        assert view.table.item(row, COL_GRAD).value == stats.grad_norm[i]
        assert view.table.item(row, COL_WEIGHT).value == stats.weight_norm[i]
        r = view.table.item(row, COL_RATIO)
        if np.isnan(ratios[i]):
            assert r.text() == "n/a"
        else:
            assert r.value == stats.update_ratio[i]
    # The bars are log10 of the values, measured from a common baseline y0.
    opts = view.grad_bars.opts
    np.testing.assert_allclose(np.asarray(opts["y0"]) + np.asarray(opts["height"]), np.log10(stats.grad_norm))
    ok = ~np.isnan(ratios)
    opts = view.ratio_bars.opts
    np.testing.assert_allclose((np.asarray(opts["y0"]) + np.asarray(opts["height"]))[ok], np.log10(ratios[ok]))
    # The 1e-3 reference line is in view.
    lo, hi = view.ratio_plot.vb.viewRange()[1]
    assert lo < -3 < hi and view._healthy_line.value() == pytest.approx(-3)


def test_zero_initialised_weights_have_no_ratio(gpt_stats):
    stats = gpt_stats[0]  # first step: the weights before it are the fresh initialisation
    torch.manual_seed(0)
    fresh = dict(GPTModel(get_preset("micro")).named_parameters())  # same seed as _gpt_stats
    zero = np.array([bool((fresh[n] == 0).all()) for n in stats.names])
    assert zero.any() and not zero.all()  # LayerNorm shifts start at 0
    ratios = update_ratios(stats)
    np.testing.assert_array_equal(np.isnan(ratios), zero)
    assert np.all(np.isnan(stats.update_ratio[zero]))  # the recorder reports them as NaN
    assert np.all(ratios[~zero] < 1.0)


def test_histograms_follow_the_selection(view, gpt_stats, qtbot):
    stats = gpt_stats[-1]
    view.set_stats(stats)
    view.refresh()
    i = stats.names.index("trf_blocks.1.att.W_query.weight")
    view.table.selectRow(view.row_of(i))  # as a click on the row
    assert view.selected == i
    x, y = view.grad_hist_curve.xData, view.grad_hist_curve.yData
    np.testing.assert_array_equal(y, stats.grad_hist[i])
    np.testing.assert_allclose(x, stats.grad_edges[i])
    np.testing.assert_array_equal(view.weight_hist_curve.yData, stats.weight_hist[i])
    assert y.sum() == min(4096, 64 * 64)  # every element of the 64x64 weight


def test_sorting_by_grad_norm_keeps_rows_consistent(view, gpt_stats):
    stats = gpt_stats[-1]
    view.set_stats(stats)
    view.refresh()
    view.table.sortItems(COL_GRAD)
    shown = [view.table.item(r, COL_GRAD).value for r in range(view.table.rowCount())]
    assert shown == sorted(stats.grad_norm.tolist())
    # A new payload after sorting is written to the right rows.
    view.set_stats(gpt_stats[0])
    view.refresh()
    for row in range(view.table.rowCount()):
        i = int(view.table.item(row, COL_INDEX).value)
        assert view.table.item(row, COL_GRAD).value == gpt_stats[0].grad_norm[i]


def test_many_payloads_without_refresh_paint_nothing(view, gpt_stats):
    for stats in gpt_stats * 10:
        view.set_stats(stats)
    assert view.repaints == 0 and view.table.rowCount() == 0 and view.is_empty()
    view.refresh()
    view.refresh()  # nothing new: no second repaint
    assert view.repaints == 1 and view.stats is gpt_stats[-1]
