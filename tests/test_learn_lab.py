"""The tensor lab (results as the source material prints them, refusals that name what was
refused, size caps checked before allocating) and GPT-2 token spans."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from engine import tokenizer
from engine.learn.lab_records import SOURCE_EXAMPLES
from engine.learn.tensor_lab import MAX_ELEMENTS, run_lab
from engine.learn.token_spans import bytes_text, token_spans


def test_source_examples_give_the_books_results():
    run = run_lab(SOURCE_EXAMPLES)
    assert run.problem is None
    ranks = {name: run.result(name).rank for name in ("tensor0d", "tensor1d", "tensor2d", "tensor3d")}
    assert ranks == {"tensor0d": 0, "tensor1d": 1, "tensor2d": 2, "tensor3d": 3}
    assert run.result("tensor1d").dtype == "int64"  # Python ints
    assert run.result("floatvec").dtype == "float32"  # Python floats
    assert run.result("float_tensor").dtype == "float32"  # .to(torch.float32)
    assert run.result("tensor1d.dtype").text == "torch.int64"
    assert run.result("tensor2d.shape").text == "torch.Size([2, 2])"
    assert run.result("reshaped").shape == (4, 1) and run.result("viewed").shape == (1, 4)
    assert np.array_equal(run.result("transposed").values, [[1, 3], [2, 4]])
    assert np.array_equal(run.result("result").values, [[5, 11], [11, 25]])
    assert run.result("tensor3d").describe() == "tensor3d: shape [2, 2, 2], int64, rank 3"


def test_arithmetic_methods_and_dtype_keyword():
    run = run_lab("a = torch.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=torch.float64)\n"
                  "b = -a + a * 2 - a / 2\nc = a.matmul(a.transpose(0, 1))\nd = c.sum()\n"
                  "e = a.mean()\nf = a[1]\ng = a.ndim")
    assert run.problem is None
    a = torch.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=torch.float64)
    assert run.result("a").dtype == "float64"
    assert np.allclose(run.result("b").values, (-a + a * 2 - a / 2).numpy())
    assert np.allclose(run.result("c").values, (a @ a.T).numpy())
    assert run.result("d").values == pytest.approx(float((a @ a.T).sum()))
    assert run.result("e").rank == 0 and np.array_equal(run.result("f").values, [3.0, 4.0])
    assert run.result("g").text == "2"


@pytest.mark.parametrize("program, named", [
    ("__import__('os')", "__import__"),
    ("a = torch.tensor([1])\na.__class__", ".__class__"),
    ("a = torch.tensor([1])\na.__class__.__bases__", ".__bases__"),
    ("(lambda: 1)()", "lambda"),
    ("[x for x in [1, 2]]", "list comprehension"),
    ("import os", "import"),
    ("open('/etc/passwd')", "open"),
    ("torch.tensor([1]).numpy()", ".numpy"),
    ("torch.load('x')", "torch.load"),
    ("torch.tensor([1]).to('cuda')", "'cuda'"),
    ("torch.zeros(10**8)", "100,000,000 elements"),
    ("torch.ones(1000, 1001)", "1,001,000 elements"),
    ("a = torch.ones(100000, 1)\na * a.T", "10,000,000,000 elements"),
    ("a = torch.ones(1000, 1000)\na.reshape(1000, 1000, 1) @ a.reshape(1000, 1, 1000)", "multiply-adds"),
    ("10 ** 10 ** 10", "too large"),
])
def test_refusals_name_what_was_refused(program, named):
    run = run_lab(program)
    assert run.problem is not None and "refused" in run.problem, run.problem
    assert named in run.problem


def test_size_is_checked_before_allocating(monkeypatch):
    calls = []
    real_zeros = torch.zeros
    monkeypatch.setattr(torch, "zeros", lambda *a, **k: calls.append(k.get("device")) or real_zeros(*a, **k))
    assert "refused" in run_lab(f"torch.zeros({MAX_ELEMENTS + 1})").problem
    assert calls == ["meta"]  # only the shape-only ("meta") call ran


def test_errors_keep_earlier_results_and_name_the_line():
    run = run_lab("a = torch.tensor([1, 2])\nb = a @ torch.tensor([[1.0]])\nc = a")
    assert [r.name for r in run.results] == ["a"] and run.problem_line == 2
    assert run.problem.startswith("Line 2: PyTorch could not do this")
    assert run_lab("a = (").problem.startswith("Line 1: this is not valid Python")


def test_token_spans_equal_tiktokens_encoding():
    text = "Hello, I am a model — naïve 🦙!\n<|endoftext|>x"
    spans = token_spans(text)
    enc = tokenizer.get_tokenizer()
    assert [s.token_id for s in spans] == enc.encode(text, allowed_special={tokenizer.ENDOFTEXT})
    assert b"".join(s.raw for s in spans) == text.encode("utf-8")
    partial = [s for s in spans if not s.whole]
    assert partial, "the llama emoji's 4 bytes are split over tokens"
    assert all("<0x" in s.text and "\ufffd" not in s.text for s in partial)
    assert spans[-2].token_id == tokenizer.EOT_ID
    assert bytes_text("—".encode()[:2]) == ("<0xE2 0x80>", False)
    assert bytes_text(b" a\xe2") == (" a<0xE2>", False)
