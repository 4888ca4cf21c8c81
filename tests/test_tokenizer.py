"""The GPT-2 tokenizer is built offline from shipped files and gives the book's ids."""
from __future__ import annotations

import shutil
import socket

import pytest

from engine import tokenizer
from engine.tokenizer import (EOT_ID, TokenizerFilesError, build_gpt2_encoding, decode, encode,
                              get_tokenizer, token_strings)

BOOK_TEXT = "Hello, do you like tea? <|endoftext|> In the sunlit terraces"
BOOK_IDS = [15496, 11, 466, 345, 588, 8887, 30, 220, 50256, 554, 262, 4252, 18250, 8812, 2114]


def test_book_example_ids_and_round_trip():
    ids = encode(BOOK_TEXT)
    assert ids == BOOK_IDS
    assert decode(ids) == BOOK_TEXT
    assert token_strings(ids)[:3] == ["Hello", ",", " do"]
    assert token_strings([EOT_ID]) == ["<|endoftext|>"]
    assert get_tokenizer().n_vocab == 50257


def test_special_token_as_plain_text_when_not_allowed():
    ids = encode("<|endoftext|>", allow_special=False)
    assert EOT_ID not in ids and decode(ids) == "<|endoftext|>"


def test_builds_with_network_blocked(monkeypatch, tmp_path):
    def refuse(*args, **kwargs):
        raise AssertionError("the tokenizer tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path / "empty-cache"))  # no cached copy to lean on
    enc = build_gpt2_encoding()  # a fresh build, not the cached one
    assert enc.encode(BOOK_TEXT, allowed_special="all") == BOOK_IDS


def test_tampered_vocab_file_is_refused(tmp_path):
    data = tokenizer._data_dir()
    shutil.copy(data / "encoder.json", tmp_path / "encoder.json")
    (tmp_path / "vocab.bpe").write_bytes((data / "vocab.bpe").read_bytes() + b"x y\n")
    with pytest.raises(TokenizerFilesError, match="vocab.bpe.*not the official one"):
        build_gpt2_encoding(tmp_path)


def test_missing_vocab_file_is_a_clear_error(tmp_path):
    with pytest.raises(TokenizerFilesError, match="Cannot read"):
        build_gpt2_encoding(tmp_path)
