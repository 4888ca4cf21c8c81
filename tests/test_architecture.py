"""engine/ never touches Qt: only the GUI's worker turns engine events into Qt signals."""
import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENGINE = ROOT / "engine"
QT_PACKAGES = ("PySide6", "PySide2", "PyQt5", "PyQt6", "pyqtgraph", "shiboken6", "shiboken2", "qtpy")


def _engine_files():
    files = sorted(ENGINE.rglob("*.py"))
    assert len(files) >= 10, files  # the scan really sees the package
    return files


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported_names(tree: ast.AST):
    """Every module an import statement or importlib/__import__ call names with a literal."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ("import_module", "__import__"):
                yield node.args[0].value


def _is_qt(name: str) -> bool:
    return name.split(".")[0] in QT_PACKAGES


def test_no_engine_file_imports_qt():
    offenders = []
    for path in _engine_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        offenders += [f"{path.relative_to(ROOT)}: {name}" for name in _imported_names(tree) if _is_qt(name)]
    assert offenders == []


def test_scanner_sees_every_import_form():
    code = ("import PySide6.QtCore\nfrom pyqtgraph import PlotWidget\nimport os, PyQt5\n"
            "def f():\n    import shiboken6\n"
            "importlib.import_module('PySide6.QtWidgets')\n__import__('qtpy')\n")
    assert [n for n in _imported_names(ast.parse(code)) if _is_qt(n)] == [
        "PySide6.QtCore", "pyqtgraph", "PyQt5", "shiboken6", "PySide6.QtWidgets", "qtpy"]


def _qt_modules_after_importing(modules: list[str]) -> list[str]:
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"qt = sorted(m for m in sys.modules if m.split('.')[0] in {QT_PACKAGES!r})\n"
        "print('QT:' + ','.join(qt))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    line = [ln for ln in result.stdout.splitlines() if ln.startswith("QT:")][-1]
    return [m for m in line[3:].split(",") if m]


def test_importing_every_engine_module_loads_no_qt():
    modules = [_module_name(p) for p in _engine_files()]
    assert "engine.models.gpt" in modules and "engine.cli" in modules
    assert _qt_modules_after_importing(modules) == []


def test_the_subprocess_check_can_see_qt():
    assert "PySide6.QtCore" in _qt_modules_after_importing(["engine.config", "PySide6.QtCore"])


def _engine_imports(path: Path) -> set[str]:
    """Absolute names of the engine modules `path` imports, relative imports resolved."""
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {n for n in names if n == "engine" or n.startswith("engine.")}


def test_engine_core_never_imports_the_cli():
    core = [p for p in _engine_files() if "cli" not in p.relative_to(ENGINE).parts]
    offenders = [f"{p.relative_to(ROOT)}: {name}" for p in core for name in _engine_imports(p)
                 if name == "engine.cli" or name.startswith("engine.cli.")]
    assert offenders == []
    assert "engine.cli" in _engine_imports(ENGINE / "cli" / "train.py") or \
        "engine.errors" in _engine_imports(ENGINE / "cli" / "__init__.py")  # the scan resolves


def test_checkpoint_and_hf_import_do_not_import_each_other():
    hf = _engine_imports(ENGINE / "hf_import.py")
    assert not any(n.startswith("engine.checkpoint") for n in hf)
    assert "engine.model_folder" in hf  # both share the folder-reading building blocks
    assert "engine.model_folder" in _engine_imports(ENGINE / "checkpoint.py")


def test_import_contract_lists_every_engine_module():
    """The "engine core never imports the command line" contract names every module but cli."""
    import tomllib

    config = tomllib.loads((ENGINE.parent / "pyproject.toml").read_text())
    contract = next(c for c in config["tool"]["importlinter"]["contracts"]
                    if c["name"] == "engine core never imports the command line")
    present = {f"engine.{p.stem}" for p in ENGINE.glob("*.py") if p.stem != "__init__"}
    present |= {f"engine.{p.name}" for p in ENGINE.iterdir()
                if p.is_dir() and (p / "__init__.py").exists() and p.name != "cli"}
    assert set(contract["source_modules"]) == present
