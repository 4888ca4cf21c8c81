"""Numerical gradient check: central finite differences vs autograd, per element.

Runs on a float64 copy of the model in eval mode (no dropout randomness), so the real
model is untouched and the difference quotient is accurate to ~1e-8 or better.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import torch


@dataclass(frozen=True)
class GradCheckEntry:
    param_name: str
    index: tuple[int, ...]
    numeric: float
    autograd: float
    abs_error: float
    rel_error: float  # |numeric - autograd| / max(|numeric|, |autograd|, 1e-12)


def _to_double(x: Any) -> Any:
    if isinstance(x, torch.Tensor):
        return x.detach().double() if x.is_floating_point() else x
    if isinstance(x, (tuple, list)):
        return type(x)(_to_double(v) for v in x)
    return x


def _pick_indices(shape: torch.Size, count: int, generator: torch.Generator) -> list[tuple[int, ...]]:
    numel = 1
    for s in shape:
        numel *= s
    flat = torch.randperm(numel, generator=generator)[:count].tolist() if numel > count else range(numel)
    return [tuple(int(i) for i in torch.unravel_index(torch.tensor(f), shape)) if shape else ()
            for f in flat]


def gradient_check(model: torch.nn.Module, inputs: Any, targets: Any,
                   loss_fn: Callable[[Any, Any], torch.Tensor], *,
                   param_names: Sequence[str] | None = None,
                   indices: dict[str, Sequence[tuple[int, ...]]] | None = None,
                   elements_per_param: int = 3, pick: str = "largest", eps: float = 1e-5,
                   seed: int = 0) -> list[GradCheckEntry]:
    """Compare d loss / d param[index] from finite differences with autograd.

    param_names: which parameters (default: all). indices: explicit elements per parameter;
    otherwise `elements_per_param` elements each: pick="largest" takes those with the
    largest |gradient| (tiny gradients drown in the loss's rounding noise, ~1e-16 * loss /
    eps), pick="random" a seeded random choice.
    """
    if pick not in ("largest", "random"):
        raise ValueError(f"pick must be 'largest' or 'random', not {pick!r}.")
    shadow = copy.deepcopy(model).double().eval()
    params = dict(shadow.named_parameters())
    names = list(param_names) if param_names is not None else list(params)
    unknown = [n for n in names if n not in params]
    if unknown:
        raise ValueError(f"Unknown parameter(s): {', '.join(unknown)}. "
                         f"The model has: {', '.join(params)}.")
    x, y = _to_double(inputs), _to_double(targets)

    def loss_value() -> torch.Tensor:
        out = shadow(*x) if isinstance(x, (tuple, list)) else shadow(x)
        return loss_fn(out, y)

    shadow.zero_grad(set_to_none=True)
    loss_value().backward()
    gen = torch.Generator().manual_seed(seed)
    entries = []
    with torch.no_grad():
        for name in names:
            p = params[name]
            grad = p.grad if p.grad is not None else torch.zeros_like(p)
            chosen = (indices or {}).get(name)
            if not chosen and pick == "largest":
                top = grad.abs().reshape(-1).topk(min(elements_per_param, grad.numel())).indices
                chosen = [tuple(int(i) for i in torch.unravel_index(f, p.shape)) for f in top.cpu()]
            elif not chosen:
                chosen = _pick_indices(p.shape, elements_per_param, gen)
            # Numbers for all chosen elements are gathered in tensors and moved once.
            plus, minus = [], []
            for idx in chosen:
                old = p[idx].clone()
                p[idx] = old + eps
                plus.append(loss_value())
                p[idx] = old - eps
                minus.append(loss_value())
                p[idx] = old
            numeric = ((torch.stack(plus) - torch.stack(minus)) / (2 * eps)).cpu().tolist()
            auto = torch.stack([grad[idx] for idx in chosen]).cpu().tolist()
            for idx, n, a in zip(chosen, numeric, auto):
                err = abs(n - a)
                entries.append(GradCheckEntry(name, tuple(idx), n, a, err,
                                              err / max(abs(n), abs(a), 1e-12)))
    return entries
