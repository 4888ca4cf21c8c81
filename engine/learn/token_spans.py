"""Text as GPT-2 tokens: each token's id, its bytes, and where it sits in the text.

A BPE token is a run of bytes, not always of whole characters: "—" (3 bytes in UTF-8) may be
split over two tokens. Such a token's text shows the bytes that are not whole characters
as <0xE2 0x80> instead of "�", so nothing is hidden.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .. import tokenizer


@dataclass(frozen=True)
class TokenSpan:
    """One token of a text."""

    index: int  # position in the token sequence
    token_id: int  # GPT-2 id, 0..50256
    raw: bytes  # the token's own bytes
    text: str  # what to show: its characters, partial UTF-8 bytes as <0x..>
    whole: bool  # True when the bytes are whole characters

    @property
    def display(self) -> str:
        """The text with spaces and line breaks made visible."""
        return visible(self.text)


_BYTE_GROUP = re.compile(r"(<0x[0-9A-F]{2}(?: 0x[0-9A-F]{2})*>)")


def visible(text: str) -> str:
    """Spaces as ·, line breaks as ↵, tabs as →; <0x..> byte groups stay as they are."""
    parts = _BYTE_GROUP.split(text)
    return "".join(p if i % 2 else p.replace(" ", "·").replace("\n", "↵").replace("\t", "→")
                   for i, p in enumerate(parts))


def bytes_text(raw: bytes) -> tuple[str, bool]:
    """The characters of `raw`; bytes that are not a whole UTF-8 character as <0xE2 0x80>."""
    decoded = raw.decode("utf-8", errors="surrogateescape")
    parts: list[str] = []
    partial: list[str] = []
    for ch in decoded:
        if 0xDC80 <= ord(ch) <= 0xDCFF:
            partial.append(f"0x{ord(ch) - 0xDC00:02X}")
            continue
        if partial:
            parts.append("<" + " ".join(partial) + ">")
            partial = []
        parts.append(ch)
    if partial:
        parts.append("<" + " ".join(partial) + ">")
    text = "".join(parts)
    return text, text == decoded


def token_spans(text: str) -> list[TokenSpan]:
    """The text's GPT-2 tokens (<|endoftext|> as its special id 50256)."""
    enc = tokenizer.get_tokenizer()
    spans = []
    for index, token_id in enumerate(tokenizer.encode(text)):
        raw = enc.decode_single_token_bytes(token_id)
        shown, whole = bytes_text(raw)
        spans.append(TokenSpan(index, int(token_id), raw, shown, whole))
    return spans


def token_labels(ids) -> list[str]:
    """Short labels for token ids (tensor rows, chart ticks): their visible text."""
    enc = tokenizer.get_tokenizer()
    return [visible(bytes_text(enc.decode_single_token_bytes(int(i)))[0]) for i in ids]
