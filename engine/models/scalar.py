"""The autograd worked example: z = x*w + b, a = sigmoid(z), loss = BCE(a, y).

With x=1.1, y=1.0, w=2.2, b=0.0 autograd gives w.grad = -0.0898 and b.grad = -0.0817.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F


class ScalarModel(nn.Module):
    def __init__(self, w: float = 2.2, b: float = 0.0):
        super().__init__()
        self.w = nn.Parameter(torch.tensor([w]))  # weight, shape [1]
        self.b = nn.Parameter(torch.tensor([b]))  # bias, shape [1]

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        z = x * self.w + self.b
        a = torch.sigmoid(z)
        return a


def scalar_loss(a: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return F.binary_cross_entropy(a, y)


@dataclass(frozen=True)
class ChainRule:
    """The hand-computed chain rule for the scalar example (plain floats, no autograd)."""

    z: float
    a: float
    loss: float
    dL_da: float  # -(y/a) + (1-y)/(1-a)
    da_dz: float  # a(1-a)
    dz_dw: float  # x
    dz_db: float  # 1
    dL_dw: float  # dL/da * da/dz * dz/dw
    dL_db: float  # dL/da * da/dz * dz/db


def chain_rule(x: float = 1.1, y: float = 1.0, w: float = 2.2, b: float = 0.0) -> ChainRule:
    z = x * w + b
    a = 1.0 / (1.0 + math.exp(-z))
    loss = -(y * math.log(a) + (1 - y) * math.log(1 - a))
    dL_da = -(y / a) + (1 - y) / (1 - a)
    da_dz = a * (1 - a)
    return ChainRule(z=z, a=a, loss=loss, dL_da=dL_da, da_dz=da_dz, dz_dw=x, dz_db=1.0,
                     dL_dw=dL_da * da_dz * x, dL_db=dL_da * da_dz * 1.0)
