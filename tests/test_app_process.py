"""The real app in its own process (a second QApplication cannot live in the test process)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _launch(tmp_path: Path, **extra_env: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path),
           **extra_env}
    return subprocess.run([sys.executable, "-m", "gui.launcher"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_app_opens_and_closes_cleanly(tmp_path):
    done = _launch(tmp_path, BACKPROP_STUDIO_AUTOCLOSE_MS="1500")
    assert done.returncode == 0, done.stderr
    assert "QThread: Destroyed" not in done.stderr
    assert "Traceback" not in done.stderr
    # The window saved its layout on close, under the app's QSettings name.
    saved = list(tmp_path.rglob("*.conf"))
    assert saved and any("Backprop Studio" in str(path) for path in saved), saved


def test_app_closes_cleanly_while_training(tmp_path):
    done = _launch(tmp_path, BACKPROP_STUDIO_AUTOCLOSE_MS="9000", BACKPROP_STUDIO_AUTORUN="1",
                   BACKPROP_STUDIO_REPORT="1")
    assert done.returncode == 0, done.stderr
    assert "QThread: Destroyed" not in done.stderr
    assert "Traceback" not in done.stderr
    # A first launch opens Autograd basics, and the autorun really trained it.
    match = re.search(r"session: scenario (\w+), (\d+) steps, generation (\d+)", done.stdout)
    assert match, done.stdout
    assert match.group(1) == "scalar" and int(match.group(2)) > 0 and match.group(3) == "1"
