"""Training text, sliding token windows and the train/val loaders (as in the source book)."""
from __future__ import annotations

import functools
import importlib.resources
import re
from dataclasses import dataclass
from pathlib import Path

import torch
from torch.utils.data import BatchSampler, DataLoader, Dataset, RandomSampler

from . import progress
from .config import TrainConfig
from .errors import DataError, FileReadError
from .safe_files import MAX_TEXT_BYTES, read_text_capped
from .text import translate
from .tokenizer import encode

__all__ = ["DataError", "GPTDatasetV1", "DataSplit", "RememberingBatchSampler", "default_text", "default_token_ids",
           "load_text", "encode_corpus", "split_tokens", "make_loaders", "MAX_RUN_CHARS"]

FALLBACK_TEXT = "how_a_model_learns.txt"  # shipped in resources/texts/
# The tokenizer's cost grows faster than linearly with the length of a run of characters it
# cannot split (no space or line break); longer runs are refused with a message.
MAX_RUN_CHARS = 20_000
_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_RUN_CHARS + 1))
SLICE_CHARS = 1 << 18  # tokenized at a time (about 0.1 s): progress and cancel between slices
_SLICE_END = re.compile(r"(?<=\S) ")


def _shipped_text() -> str:
    return importlib.resources.files("resources").joinpath("texts", FALLBACK_TEXT).read_text("utf-8")


@functools.lru_cache(maxsize=1)
def default_text() -> str:
    """Real English prose present on every Python install: the stdlib's help topics (~0.5 MB)."""
    try:
        from pydoc_data.topics import topics
    except ImportError:  # some distributions strip pydoc_data
        return _shipped_text()
    return "\n\n".join(topics[key] for key in sorted(topics))


@functools.lru_cache(maxsize=1)
def default_token_ids() -> tuple[int, ...]:
    """The default text tokenized once per process (it takes about a second)."""
    return tuple(encode(default_text()))


def load_text(source: str = "default", train_cfg: TrainConfig | None = None) -> str:
    """"default" or a path to a UTF-8 .txt file. With train_cfg, also checks it is long enough."""
    if source == "default":
        text = default_text()
    else:
        path = Path(source)
        try:  # a regular file only, at most MAX_TEXT_BYTES; a BOM is tolerated
            text = read_text_capped(path, MAX_TEXT_BYTES, translate("files", "Text file"))
        except FileReadError as exc:
            raise DataError(*exc.messages()) from None
        if not text.strip():
            raise DataError(translate("data", "Text file '{path}' is empty.").format(path=str(path)))
    if train_cfg is not None:
        split_tokens(encode_corpus(text, source), train_cfg, source=source)
    return text


def encode_corpus(text: str, source: str | None = None) -> list[int]:
    """Token ids of a training text; DataError for a run the tokenizer would choke on."""
    run = _LONG_RUN.search(text)
    if run:
        raise DataError(translate("data", "{name} has more than {limit:,} characters in a row without a space "
                                          "or line break (from character {start:,}); it does not look like "
                                          "prose, and the tokenizer would take very long on it.").format(
            name=_text_name(source), limit=MAX_RUN_CHARS, start=run.start()))
    return _encode_in_chunks(text)


def _encode_in_chunks(text: str) -> list[int]:
    """encode(text), a slice at a time so a long text reports progress and can be cancelled.

    Slices end just before a space that follows a non-space: GPT-2's pre-tokenizer never puts
    a non-space and a following space in one piece, and a piece depends only on the text after
    its start, so the slices' tokens are exactly the whole text's (tests/test_file_tasks.py)."""
    what = translate("progress", "Tokenizing the text")
    ids: list[int] = []
    start, n = 0, len(text)
    while start < n:
        cut = _SLICE_END.search(text, start + SLICE_CHARS) if start + SLICE_CHARS < n else None
        end = cut.start() if cut else n
        ids += encode(text[start:end])
        start = end
        progress.advance(what, start, n, progress.CHARACTERS)
    return ids


def _text_name(source: str | None) -> str:
    """How messages name a training text: "the default text", "the text" or its quoted path."""
    if source == "default":
        return translate("data", "the default text")
    if source is None:
        return translate("data", "the text")
    return f"'{source}'"


class GPTDatasetV1(Dataset):
    """Windows of max_length tokens every `stride` tokens; targets are the inputs shifted by one."""

    def __init__(self, token_ids, max_length: int, stride: int):
        # One tensor and window starts instead of the book's list of tensors: same windows,
        # a fraction of the memory for a large text.
        self.token_ids = torch.as_tensor(list(token_ids) if not torch.is_tensor(token_ids) else token_ids,
                                         dtype=torch.long)
        self.max_length = max_length
        self.starts = range(0, max(len(self.token_ids) - max_length, 0), stride)

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, idx: int) -> tuple[torch.Tensor, torch.Tensor]:
        i = self.starts[idx]
        input_chunk = self.token_ids[i:i + self.max_length]  # (max_length,)
        target_chunk = self.token_ids[i + 1:i + self.max_length + 1]  # next token at each position
        return input_chunk, target_chunk

    def windows_at(self, token_starts) -> tuple[torch.Tensor, torch.Tensor]:
        """The (inputs, targets) batch of the windows that start at these token offsets: what
        the loader gave for a batch whose offsets a run recorded. ValueError for an offset
        that is not a window start of this text."""
        starts = [int(s) for s in token_starts]
        known = self.starts
        bad = [s for s in starts if s not in known]  # a range: O(1) membership
        if bad:
            raise ValueError(translate("data", "token offset {offset} is not the start of a window of this "
                                               "text ({windows:,} windows every {stride} tokens).").format(
                offset=bad[0], windows=len(known), stride=known.step))
        index = torch.tensor(starts, dtype=torch.long)[:, None] + torch.arange(self.max_length + 1)
        rows = self.token_ids[index]  # (b, max_length + 1)
        return rows[:, :-1].contiguous(), rows[:, 1:].contiguous()

    def starts_of(self, indices) -> list[int]:
        """Token offsets of the windows with these dataset indices."""
        return [self.starts[int(i)] for i in indices]


class RememberingBatchSampler(BatchSampler):
    """BatchSampler that keeps the indices of the batch it handed out last (`last`): with
    num_workers=0 the loader fetches a batch right after taking its indices, so after next()
    on the loader, `last` names the windows of the batch it returned. Same draws from the
    generator as DataLoader(shuffle=True) makes, so the order of batches does not change."""

    last: list[int] | None = None

    def __iter__(self):
        for batch in super().__iter__():
            self.last = list(batch)
            yield batch


@dataclass(frozen=True)
class DataSplit:
    train_ids: list[int]
    val_ids: list[int]
    train_windows: int
    val_windows: int

    def summary(self) -> str:
        total = len(self.train_ids) + len(self.val_ids)
        return translate("data", "{total:,} tokens: {train:,} train ({train_windows:,} windows), {val:,} val "
                                 "({val_windows:,} windows)").format(
            total=total, train=len(self.train_ids), train_windows=self.train_windows, val=len(self.val_ids),
            val_windows=self.val_windows)


def _windows(n_tokens: int, max_length: int, stride: int) -> int:
    return len(range(0, max(n_tokens - max_length, 0), stride))


def split_tokens(token_ids, train_cfg: TrainConfig, source: str | None = None) -> DataSplit:
    """Split at train_ratio; DataError when either side is too short for one batch/window."""
    token_ids = list(token_ids)
    split = int(train_cfg.train_ratio * len(token_ids))
    train_ids, val_ids = token_ids[:split], token_ids[split:]
    n_train = _windows(len(train_ids), train_cfg.max_length, train_cfg.stride)
    n_val = _windows(len(val_ids), train_cfg.max_length, train_cfg.stride)
    name = _text_name(source)
    need = train_cfg.max_length + 1  # a window plus the one token its last target needs
    problems = []
    if n_train < train_cfg.batch_size:
        problems.append(translate(
            "data", "{name} is too short to train on: its training part has {tokens:,} tokens, which make "
                    "{windows} window(s) of max_length {max_length}, but batch_size is {batch_size}. Use a "
                    "longer text, or a smaller max_length or batch_size.").format(
            name=name, tokens=len(train_ids), windows=n_train, max_length=str(train_cfg.max_length),
            batch_size=str(train_cfg.batch_size)))
    if n_val < 1:
        problems.append(translate(
            "data", "{name} is too short to validate on: its validation part has {tokens:,} tokens, fewer than "
                    "the {need} one window of max_length {max_length} needs. Use a longer text, a smaller "
                    "max_length, or a smaller train_ratio ({train_ratio}).").format(
            name=name, tokens=len(val_ids), need=need, max_length=str(train_cfg.max_length),
            train_ratio=str(train_cfg.train_ratio)))
    if problems:
        raise DataError(*problems)
    return DataSplit(train_ids, val_ids, n_train, n_val)


def make_loaders(token_ids, train_cfg: TrainConfig, source: str | None = None) -> tuple[DataLoader, DataLoader]:
    """(train_loader, val_loader): train shuffled by a generator seeded from train_cfg.seed."""
    split = split_tokens(token_ids, train_cfg, source)
    train_set = GPTDatasetV1(split.train_ids, train_cfg.max_length, train_cfg.stride)
    generator = torch.Generator().manual_seed(train_cfg.seed)
    # What shuffle=True builds, with a batch sampler that remembers each batch's windows (a
    # run records their offsets so a step's batch can be rebuilt exactly).
    batches = RememberingBatchSampler(RandomSampler(train_set, generator=generator),
                                      train_cfg.batch_size, drop_last=True)
    train_loader = DataLoader(train_set, batch_sampler=batches, num_workers=0, generator=generator)
    val_loader = DataLoader(
        GPTDatasetV1(split.val_ids, train_cfg.max_length, train_cfg.stride),
        batch_size=train_cfg.batch_size, shuffle=False, drop_last=False, num_workers=0,
    )
    return train_loader, val_loader
