"""File menu: runs (open, follow, TensorBoard overlay), model files (corpus, checkpoints,
Hugging Face GPT-2) and Recent. Each item asks for a path, then calls a window method that
tests call directly (window.open_run(path), ...). The session does the work; bad input is
refused with a message and changes nothing."""
from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMenu

RECENT_KEY = "recent/items"
RECENT_MAX = 8

# (menu text, window method, "folder" or a file pattern, whether it goes to Recent)
ITEMS = [
    ("&Open run…", "open_run", "folder", True),
    ("&Follow run…", "follow_run", "folder", True),
    ("Import &TensorBoard scalars…", "import_tensorboard", "folder", True),
    None,
    ("Open text &corpus…", "open_corpus", "Text (*.txt)", True),
    ("&Save checkpoint…", "save_checkpoint", "save-folder", False),
    ("&Load checkpoint…", "load_checkpoint", "folder", True),
    ("Import &Hugging Face GPT-2 folder…", "import_hf_folder", "folder", True),
]


class FileActions:
    """Window methods behind the File menu; each returns whether the session took the request."""

    def open_run(self, path) -> bool:
        return self._remember("open_run", path, self.session.open_run(path))

    def follow_run(self, path) -> bool:
        return self._remember("follow_run", path, self.session.follow_run(path))

    def close_run(self) -> None:
        self.session.close_run()

    def import_tensorboard(self, path) -> bool:
        return self._remember("import_tensorboard", path, self.session.import_tensorboard(path))

    def open_corpus(self, path) -> bool:
        return self._remember("open_corpus", path, self.session.open_corpus(path))

    def save_checkpoint(self, path) -> bool:
        return self.session.save_checkpoint(path)

    def load_checkpoint(self, path) -> bool:
        return self._remember("load_checkpoint", path, self.session.load_checkpoint(path))

    def import_hf_folder(self, path) -> bool:
        return self._remember("import_hf_folder", path, self.session.import_hf_folder(path))

    # ---------------------------------------------------------------- Recent

    def recent_items(self) -> list[tuple[str, str]]:
        settings = self._settings
        values = settings.value(RECENT_KEY, []) if settings is not None else []
        values = [values] if isinstance(values, str) else list(values or [])
        items = []
        for value in values:
            method, _, path = str(value).partition("|")
            if method in {item[1] for item in ITEMS if item} and path:
                items.append((method, path))
        return items

    def _remember(self, method: str, path, ok: bool) -> bool:
        if ok and self._settings is not None:
            entry = (method, str(path))
            items = [entry] + [i for i in self.recent_items() if i != entry]
            self._settings.setValue(RECENT_KEY, [f"{m}|{p}" for m, p in items[:RECENT_MAX]])
            self._fill_recent()
        return ok

    def _fill_recent(self) -> None:
        menu = getattr(self, "recent_menu", None)
        if menu is None:
            return
        menu.clear()
        texts = {item[1]: item[0].replace("&", "").rstrip("…") for item in ITEMS if item}
        for method, path in self.recent_items():
            action = menu.addAction(f"{texts[method]}: {path}")
            action.triggered.connect(lambda _c=False, m=method, p=path: getattr(self, m)(p))
        menu.setEnabled(not menu.isEmpty())


def ask_path(window, text: str, kind: str) -> str:
    title = text.replace("&", "").rstrip("…")
    if kind == "folder":
        return QFileDialog.getExistingDirectory(window, title)
    if kind == "save-folder":
        path, _ = QFileDialog.getSaveFileName(window, title, "checkpoint")
        return path
    path, _ = QFileDialog.getOpenFileName(window, title, "", kind)
    return path


def add_file_items(window, file_menu: QMenu) -> None:
    for item in ITEMS:
        if item is None:
            file_menu.addSeparator()
            continue
        text, method, kind, _recent = item

        def run(_checked=False, text=text, method=method, kind=kind):
            path = ask_path(window, text, kind)
            if path:
                getattr(window, method)(path)
        file_menu.addAction(text).triggered.connect(run)
    window.recent_menu = file_menu.addMenu("&Recent")
    window._fill_recent()
    file_menu.addSeparator()
