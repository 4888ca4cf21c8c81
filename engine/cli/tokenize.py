"""`backprop-studio tokenize TEXT [--json]`: GPT-2 token ids and the text of each token."""
from __future__ import annotations

import json
import sys


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("tokenize", help="show the GPT-2 token ids of a text",
                              description="Split TEXT into GPT-2 BPE tokens (offline). "
                                          "'<|endoftext|>' becomes token 50256.")
    p.add_argument("text", metavar="TEXT", help="the text to tokenize; '-' reads standard input")
    p.add_argument("--json", action="store_true", help="print {\"ids\": [...], \"tokens\": [...]}")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..safe_files import MAX_STDIN_BYTES, read_stream_capped
    from ..tokenizer import encode, token_strings

    # Bytes, not sys.stdin's text: invalid UTF-8 becomes a message, not a traceback.
    text = read_stream_capped(sys.stdin.buffer, MAX_STDIN_BYTES) if args.text == "-" else args.text
    ids = encode(text)
    tokens = token_strings(ids)
    if args.json:
        print(json.dumps({"ids": ids, "tokens": tokens}, ensure_ascii=False))
        return 0
    width = max((len(str(i)) for i in ids), default=1)
    for token_id, token in zip(ids, tokens):
        print(f"{token_id:>{width}}  {json.dumps(token, ensure_ascii=False)}")
    print(f"{len(ids)} tokens, {len(text)} characters")
    return 0
