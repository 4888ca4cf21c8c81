"""Guards against a Qt binding that leaks references to None.

PySide6 6.12.0 drops one reference to None on every Qt call that returns nothing; on
Python 3.11 the app then aborts ("none_dealloc") after ~60k calls, e.g. expanding a 48-layer
graph. pyproject pins a binding without the bug; this test fails if one comes back.
"""
import subprocess
import sys

PROBE = """
import sys
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(["probe", "-platform", "offscreen"])
label = QLabel()
before = sys.getrefcount(None)
for _ in range(2000):
    label.setText("x")
print(before - sys.getrefcount(None))
"""


def test_void_qt_calls_keep_none_refcount():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert abs(int(out.stdout.split()[-1])) < 100  # a leaking binding loses ~2000
