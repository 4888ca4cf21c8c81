"""File menu: runs (open, follow, TensorBoard overlay), model files (corpus, checkpoints,
Hugging Face GPT-2) and Recent. Each item asks for a path, then calls a window method that
tests call directly (window.open_run(path), ...). The session does the work; bad input is
refused with a message and changes nothing."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMenu

RECENT_KEY = "recent/items"
RECENT_MAX = 8
SAVE_CHECKPOINT = QT_TRANSLATE_NOOP("FileMenu", "&Save checkpoint…")

# (menu text, window method, "folder" or a file pattern, whether it goes to Recent); the
# texts are translated where they are shown (translated_text)
ITEMS = [
    (QT_TRANSLATE_NOOP("FileMenu", "&Open run…"), "open_run", "folder", True),
    (QT_TRANSLATE_NOOP("FileMenu", "&Follow run…"), "follow_run", "folder", True),
    (QT_TRANSLATE_NOOP("FileMenu", "Import &TensorBoard scalars…"), "import_tensorboard", "folder", True),
    None,
    (QT_TRANSLATE_NOOP("FileMenu", "Open text &corpus…"), "open_corpus", "text", True),
    (SAVE_CHECKPOINT, "save_checkpoint", "save-folder", False),
    (QT_TRANSLATE_NOOP("FileMenu", "&Load checkpoint…"), "load_checkpoint", "folder", True),
    (QT_TRANSLATE_NOOP("FileMenu", "Import &Hugging Face GPT-2 folder…"), "import_hf_folder", "folder", True),
]


def translated_text(text: str) -> str:
    return QCoreApplication.translate("FileMenu", text)


def plain_title(text: str) -> str:
    """A menu text as a dialog title: no mnemonic, no ellipsis."""
    return translated_text(text).replace("&", "").rstrip("…")


class FileActions:
    """Window methods behind the File menu; each returns whether the session took the request."""

    def open_run(self, path) -> bool:
        return self._remember_when_read("open_run", path, self.session.open_run)

    def follow_run(self, path) -> bool:
        return self._remember_when_read("follow_run", path, self.session.follow_run)

    def close_run(self) -> None:
        self.session.close_run()

    def import_tensorboard(self, path) -> bool:
        return self._remember_when_read("import_tensorboard", path, self.session.import_tensorboard)

    def open_corpus(self, path) -> bool:
        return self._remember("open_corpus", path, self.session.open_corpus(path))

    def save_checkpoint(self, path) -> bool:
        return self.session.save_checkpoint(path) is not None

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

    def _remember_when_read(self, method: str, path, read) -> bool:
        """`read(path)` starts a file task that reads off the GUI thread: Recent gets the path
        only when that task is done (a cancelled or failed read is not remembered)."""
        before = set(self.session.file_tasks)
        ok = read(path)
        started = set(self.session.file_tasks) - before
        if not ok or not started:  # refused at once, or read and applied already
            return self._remember(method, path, ok)
        self.recent_waiting.update({number: (method, path) for number in started})
        return ok

    def connect_recent(self) -> None:
        """Once, with the adapter: reads that end well go to Recent."""
        self.recent_waiting: dict[int, tuple[str, object]] = {}  # file task -> (method, path)
        self.adapter.fileTaskFinished.connect(self._on_file_task_finished)

    def _on_file_task_finished(self, event) -> None:
        entry = self.recent_waiting.pop(event.task.number, None)
        if entry is not None and event.outcome == "done":
            self._remember(*entry, True)

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
        texts = {item[1]: plain_title(item[0]) for item in ITEMS if item}
        for method, path in self.recent_items():
            action = menu.addAction(f"{texts[method]}: {path}")
            action.triggered.connect(lambda _c=False, m=method, p=path: getattr(self, m)(p))
        menu.setEnabled(not menu.isEmpty())


def ask_path(window, text: str, kind: str) -> str:
    title = plain_title(text)
    if kind == "folder":
        return QFileDialog.getExistingDirectory(window, title)
    if kind == "save-folder":
        path, _ = QFileDialog.getSaveFileName(window, title, "checkpoint")
        return path
    pattern = QCoreApplication.translate("FileMenu", "Text (*.txt)")
    path, _ = QFileDialog.getOpenFileName(window, title, "", pattern)
    return path


def ask_checkpoint_folder(window) -> str:
    """Where to save a checkpoint ("" when the learner cancels); the unsaved-weights prompts
    ask through this too (window.ask_save_path, which tests replace)."""
    return ask_path(window, SAVE_CHECKPOINT, "save-folder")


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
        file_menu.addAction(translated_text(text)).triggered.connect(run)
    window.recent_menu = file_menu.addMenu(QCoreApplication.translate("FileMenu", "&Recent"))
    window._fill_recent()
    file_menu.addSeparator()
