"""What the tensor lab hands to the view: plain records (numpy values, text), no tensors."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..text import translate

# The source material's tensor examples (its "Tensors in PyTorch" section), line for line.
SOURCE_EXAMPLES = """\
# Scalar (0D tensor), vector (1D), matrix (2D), 3D tensor
tensor0d = torch.tensor(1)
tensor1d = torch.tensor([1, 2, 3])
tensor2d = torch.tensor([[1, 2], [3, 4]])
tensor3d = torch.tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]])
# Python ints give int64, floats give float32; .to() changes the type
tensor1d.dtype
floatvec = torch.tensor([1.0, 2.0, 3.0])
float_tensor = tensor1d.to(torch.float32)
# shape, reshape/view, transpose, matrix multiplication
tensor2d.shape
reshaped = tensor2d.reshape(4, 1)
viewed = tensor2d.view(1, 4)
transposed = tensor2d.T
result = tensor2d @ tensor2d.T
"""


@dataclass(frozen=True)
class LabValue:
    """One result of the lab: a tensor (values, shape, dtype) or a plain value (its text)."""

    name: str  # the name it was given (a = ...), or the expression itself
    line: int  # 1-based line of the program
    text: str  # how Python would print it: tensor([...]), torch.Size([2, 2]), torch.int64
    values: np.ndarray | None = None  # a tensor's values; None for shapes, dtypes and numbers
    dtype: str | None = None  # "int64", "float32", ... (tensors only)

    @property
    def is_tensor(self) -> bool:
        return self.values is not None

    @property
    def shape(self) -> tuple[int, ...] | None:
        return tuple(self.values.shape) if self.values is not None else None

    @property
    def rank(self) -> int | None:
        return self.values.ndim if self.values is not None else None

    def describe(self) -> str:
        """"a: shape [2, 2], int64, rank 2" or "a.dtype = torch.int64"."""
        if self.values is None:
            return f"{self.name} = {self.text}"
        shape = ", ".join(str(d) for d in self.values.shape)
        return translate("tensor_lab", "{name}: shape [{shape}], {dtype}, rank {rank}").format(
            name=self.name, shape=shape, dtype=str(self.dtype), rank=self.values.ndim)


@dataclass(frozen=True)
class LabRun:
    """Everything one program produced: the results up to the first problem, and the problem."""

    results: tuple[LabValue, ...]
    problem: str | None = None  # a refusal or an error, naming the line and what was refused
    problem_line: int | None = None

    def result(self, name: str) -> LabValue:
        return next(r for r in self.results if r.name == name)
