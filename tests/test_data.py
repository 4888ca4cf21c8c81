"""Texts, sliding windows and loaders."""
from __future__ import annotations

import pytest
import torch

from engine.config import TrainConfig
from engine.data import (DataError, GPTDatasetV1, default_text, load_text, make_loaders,
                         split_tokens)


def test_default_text_is_real_prose():
    text = default_text()
    assert len(text) > 100_000
    assert "assert" in text and "statement" in text


def test_fallback_text_ships(monkeypatch):
    import builtins
    import engine.data as data

    real_import = builtins.__import__

    def no_pydoc(name, *args, **kwargs):
        if name.startswith("pydoc_data"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pydoc)
    data.default_text.cache_clear()
    try:
        text = data.default_text()
    finally:
        monkeypatch.undo()
        data.default_text.cache_clear()
    assert text.startswith("How a language model learns") and "Backpropagation" in text


def test_load_text_errors(tmp_path):
    with pytest.raises(DataError, match="does not exist"):
        load_text(str(tmp_path / "nope.txt"))
    with pytest.raises(DataError, match="is a folder"):
        load_text(str(tmp_path))
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("caf\xe9 au lait".encode("latin-1"))
    with pytest.raises(DataError, match="not UTF-8"):
        load_text(str(bad))
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(DataError, match="empty"):
        load_text(str(empty))
    short = tmp_path / "short.txt"
    short.write_text("Just a few words here.", encoding="utf-8")
    assert load_text(str(short)) == "Just a few words here."
    with pytest.raises(DataError) as info:
        load_text(str(short), TrainConfig(max_length=8, stride=8))
    assert any("too short" in p and "short.txt" in p for p in info.value.problems)


def test_windows_shift_targets_by_one():
    ids = list(range(20))
    ds = GPTDatasetV1(ids, max_length=4, stride=4)
    assert len(ds) == 4  # starts 0, 4, 8, 12; 16 would need token 20
    x, y = ds[1]
    assert x.tolist() == [4, 5, 6, 7] and y.tolist() == [5, 6, 7, 8]
    assert len(GPTDatasetV1(ids, max_length=4, stride=1)) == 16


def test_loaders_split_shuffle_and_seed():
    ids = list(range(1000))
    cfg = TrainConfig(batch_size=4, max_length=8, stride=8, train_ratio=0.9, seed=7)
    split = split_tokens(ids, cfg)
    assert len(split.train_ids) == 900 and split.val_ids[0] == 900
    assert "1,000 tokens" in split.summary()
    train, val = make_loaders(ids, cfg)
    first = next(iter(train))[0]
    assert first.shape == (4, 8)
    assert all(int(t) < 900 for batch, _ in train for t in batch.flatten())  # train never sees val
    assert all(int(t) >= 900 for batch, _ in val for t in batch.flatten())
    again = next(iter(make_loaders(ids, cfg)[0]))[0]
    assert torch.equal(first, again)  # same seed, same order
    assert not torch.equal(first, next(iter(make_loaders(ids, cfg.replace(seed=8))[0]))[0])
    assert sum(1 for _ in train) == 112 // 4  # drop_last: 112 windows -> 28 full batches


def test_too_short_for_batch_names_the_numbers():
    with pytest.raises(DataError) as info:
        split_tokens(list(range(40)), TrainConfig(batch_size=8, max_length=8, stride=8))
    text = " ".join(info.value.problems)
    assert "batch_size is 8" in text and "window" in text
