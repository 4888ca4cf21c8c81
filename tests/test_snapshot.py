"""`backprop-studio snapshot`: a real PNG of the requested size, and plain messages for bad args."""
from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from engine.tracing.types import NodeKind
from gui.launcher import main

ROOT = Path(__file__).resolve().parents[1]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    return struct.unpack(">II", data[16:24])


def rgb_pixels(path: Path) -> np.ndarray:
    """(h, w, 3) int array of the PNG's pixels, read back with Qt."""
    from PySide6.QtGui import QImage

    img = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB32)
    assert not img.isNull(), "Qt cannot read the PNG"
    w, h = img.width(), img.height()
    bgra = np.frombuffer(img.constBits(), dtype=np.uint8).reshape(h, img.bytesPerLine() // 4, 4)
    return bgra[:, :w, 2::-1].astype(int)


def node_fill_pixels(pixels: np.ndarray, kind: NodeKind) -> int:
    """Pixels painted in the fill of graph nodes of this kind (gui.views.graph_items)."""
    from gui import palette

    fill = palette.tint(palette.kind_color(kind), 0.28)
    target = np.array([fill.red(), fill.green(), fill.blue()])
    return int((np.abs(pixels - target).sum(axis=-1) <= 12).sum())


def _snapshot(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    return subprocess.run([sys.executable, "-m", "gui.launcher", "snapshot", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180)


def _png_of(tmp_path: Path, name: str, size: tuple[int, int], *args: str) -> tuple[np.ndarray, str]:
    """Run the snapshot command; the picture's pixels (checked to be a PNG of `size`) and stdout."""
    out = tmp_path / name
    done = _snapshot(tmp_path, *args, "--size", f"{size[0]}x{size[1]}", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert png_size(out) == size
    assert "QThread: Destroyed" not in done.stderr and "Traceback" not in done.stderr
    return rgb_pixels(out), done.stdout


def test_snapshot_scalar_window(tmp_path):
    pixels, stdout = _png_of(tmp_path, "scalar.png", (1100, 700), "--scenario", "scalar",
                             "--steps", "2", "--backprop-steps", "3")
    assert "scenario scalar, 2 steps, 3 backprop nodes" in stdout
    # The PNG shows the graph: boxes of x/y, w/b, the ops and the loss in their own colours.
    fills = {kind: node_fill_pixels(pixels, kind)
             for kind in (NodeKind.INPUT, NodeKind.PARAMETER, NodeKind.FORWARD, NodeKind.LOSS)}
    assert all(count >= 500 for count in fills.values()), fills


def test_snapshot_one_view(tmp_path):
    pixels, _ = _png_of(tmp_path, "loss.png", (640, 320), "--scenario", "simplenet", "--steps", "5",
                        "--view", "loss")
    background = np.median(pixels.reshape(-1, 3), axis=0)
    drawn = (np.abs(pixels - background).sum(axis=-1) > 60).mean()
    assert 0.005 < drawn < 0.9, drawn  # axes, labels and the loss curve on a plain background
    assert len(np.unique(pixels.reshape(-1, 3), axis=0)) > 20  # more than a flat fill


@pytest.mark.parametrize("args, expected", [
    (["--scenario", "resnet"], "Unknown scenario 'resnet'"),
    (["--scenario", "gpt", "--preset", "gpt5"], "Unknown preset 'gpt5'"),
    (["--scenario", "scalar", "--steps", "-3"], "--steps must be a whole number"),
    (["--scenario", "scalar", "--backprop-steps", "two"], "--backprop-steps must be a whole number"),
    (["--scenario", "scalar", "--view", "histogram"], "Unknown view 'histogram'"),
    (["--scenario", "scalar", "--view", "labs"], "tensor, lab, tokenizer, generation"),
    (["--scenario", "scalar", "--size", "big"], "--size must look like 1400x900"),
    (["--scenario", "scalar", "--size", "10x10"], "out of range"),
    (["--scenario", "scalar", "--device", "tpu"], "tpu"),
])
def test_bad_arguments_exit_2_with_a_message(tmp_path, capsys, args, expected):
    code = main(["snapshot", *args, "-o", str(tmp_path / "x.png")])
    err = capsys.readouterr().err
    assert code == 2
    assert expected in err and "Traceback" not in err


def test_bad_output_paths(tmp_path, capsys):
    assert main(["snapshot", "--scenario", "scalar", "-o", str(tmp_path / "x.jpg")]) == 2
    assert "must end in .png" in capsys.readouterr().err
    assert main(["snapshot", "--scenario", "scalar", "-o", str(tmp_path / "missing" / "x.png")]) == 2
    assert "does not exist" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:  # argparse: -o is required
        main(["snapshot", "--scenario", "scalar"])
    assert exit_info.value.code == 2


@pytest.mark.parametrize("view", ["attention", "health", "update"])
def test_snapshot_of_each_learner_view_shows_content(tmp_path, view):
    pixels, stdout = _png_of(tmp_path, f"{view}.png", (1000, 300), "--scenario", "gpt",
                             "--preset", "micro", "--steps", "2", "--view", view)
    background = np.median(pixels.reshape(-1, 3), axis=0)
    drawn = (np.abs(pixels - background).sum(axis=-1) > 60).mean()
    assert drawn > 0.02, (view, drawn)  # maps, plots or a table, not an empty dock
