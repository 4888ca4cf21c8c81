"""The tensor lab: run a few lines of tensor code safely, on the CPU, and return plain records.

Programs are parsed with `ast` and evaluated by walking the tree: nothing reaches eval().
Only what the source material teaches is allowed: tensor literals (torch.tensor([...]) with
an optional dtype=torch.<type>), a few constructors, names (a = ...), arithmetic
(+ - * / ** @, unary -), indexing, the attributes .shape .dtype .ndim .T and the methods in
TENSOR_METHODS. Anything else is refused with a message naming it. Every operation is first
run on 'meta' tensors (shapes only, no memory), so results over MAX_ELEMENTS elements and
matrix products over MAX_MULTIPLY_ADDS are refused before anything is allocated.
"""
from __future__ import annotations

import ast
import math
from typing import Any, Callable

import torch

from ..text import message_of, translate
from .lab_records import LabRun, LabValue

MAX_ELEMENTS = 1_000_000
MAX_MULTIPLY_ADDS = 200_000_000
MAX_PROGRAM_CHARS = 20_000
DTYPES = {name: getattr(torch, name) for name in (
    "float32", "float64", "float16", "bfloat16", "int64", "int32", "int16", "int8", "uint8",
    "bool", "float", "double", "half", "long", "int")}
CONSTRUCTORS = ("tensor", "zeros", "ones", "arange", "rand", "randn", "eye")
TENSOR_ATTRIBUTES = ("shape", "dtype", "ndim", "T")
TENSOR_METHODS = ("to", "reshape", "view", "transpose", "matmul", "sum", "mean", "t", "flatten",
                  "squeeze", "unsqueeze", "permute", "exp", "abs", "softmax", "relu", "float",
                  "long", "max", "min", "numel", "size", "dim")
_BINARY = {ast.Add: "__add__", ast.Sub: "__sub__", ast.Mult: "__mul__", ast.Div: "__truediv__",
           ast.MatMult: "__matmul__", ast.Pow: "__pow__"}
_SYMBOLS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.MatMult: "@", ast.Pow: "**"}


class Refused(Exception):
    """The program asked for something the lab does not run; the message says what."""


def run_lab(program: str) -> LabRun:
    """Run `program` line by line; results up to the first refusal or error."""
    if len(program) > MAX_PROGRAM_CHARS:
        return LabRun((), translate("tensor_lab", "The program is {length:,} characters long; the lab takes at "
                                                  "most {limit:,}.").format(length=len(program), limit=MAX_PROGRAM_CHARS),
                      None)
    try:
        tree = ast.parse(program, mode="exec")
    except SyntaxError as exc:
        return LabRun((), translate("tensor_lab", "Line {line}: this is not valid Python ({reason}).").format(
            line=exc.lineno, reason=exc.msg), exc.lineno)
    lab = _Lab()
    results: list[LabValue] = []
    for statement in tree.body:
        try:
            results.append(lab.run_statement(statement, program))
        except Refused as exc:
            return LabRun(tuple(results), translate("tensor_lab", "Line {line}: refused: {reason}").format(
                line=statement.lineno, reason=message_of(exc)), statement.lineno)
        except (RuntimeError, ValueError, TypeError, IndexError, OverflowError, ZeroDivisionError) as exc:
            detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            return LabRun(tuple(results), translate("tensor_lab", "Line {line}: PyTorch could not do this: "
                                                                  "{reason}").format(line=statement.lineno,
                                                                                     reason=detail),
                          statement.lineno)
    return LabRun(tuple(results))


def lab_value(name: str, line: int, value: Any) -> LabValue:
    """A result as a plain record: tensors as numpy values (on the CPU, no autograd)."""
    if isinstance(value, torch.Tensor):
        dtype = str(value.dtype).removeprefix("torch.")
        shown = value.detach().cpu()
        if shown.dtype in (torch.float16, torch.bfloat16):
            shown = shown.to(torch.float32)  # numpy has no bfloat16; the dtype line keeps the truth
        return LabValue(name, line, repr(value), values=shown.numpy().copy(), dtype=dtype)
    if isinstance(value, torch.Size):
        return LabValue(name, line, f"torch.Size({list(value)})")
    return LabValue(name, line, str(value))


class _Lab:
    """The names defined so far and the tree walk."""

    def __init__(self) -> None:
        self.names: dict[str, Any] = {}

    def run_statement(self, node: ast.stmt, program: str) -> LabValue:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name.startswith("_") or name == "torch":
                raise Refused(translate("tensor_lab", "the name '{name}' cannot be assigned (names starting with _ "
                                                      "and 'torch' are reserved).").format(name=name))
            self.names[name] = value = self.eval(node.value)
            return lab_value(name, node.lineno, value)
        if isinstance(node, ast.Expr):
            source = ast.get_source_segment(program, node.value) or ast.unparse(node.value)
            return lab_value(" ".join(source.split()), node.lineno, self.eval(node.value))
        raise Refused(translate("tensor_lab", "{what}; a line is `name = expression` or an expression.").format(
            what=_what(node)))

    def eval(self, node: ast.AST) -> Any:
        handler = _HANDLERS.get(type(node))
        if handler is None:
            raise Refused(translate("tensor_lab", "{what} is not allowed in the lab.").format(what=_what(node)))
        return handler(self, node)

    # ------------------------------------------------------------------ leaves

    def _constant(self, node: ast.Constant) -> Any:
        if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
            raise Refused(translate("tensor_lab", "the constant {value} is not allowed; only numbers are.").format(
                value=repr(node.value)))
        return node.value

    def _name(self, node: ast.Name) -> Any:
        if node.id == "torch":
            raise Refused(translate("tensor_lab", "'torch' on its own; use torch.tensor(...), torch.float32, ..."))
        if node.id not in self.names:
            raise Refused(translate("tensor_lab", "the name '{name}' is not defined here (define it first: "
                                                  "{name} = ...).").format(name=node.id))
        return self.names[node.id]

    def _sequence(self, node: ast.List | ast.Tuple) -> list:
        return [self.eval(item) for item in node.elts]

    def _slice(self, node: ast.Slice) -> slice:
        parts = [None if p is None else _integer(self.eval(p), translate("tensor_lab", "a slice bound"))
                 for p in (node.lower, node.upper, node.step)]
        return slice(*parts)

    # ------------------------------------------------------------------ arithmetic

    def _unary(self, node: ast.UnaryOp) -> Any:
        value = self.eval(node.operand)
        if isinstance(node.op, ast.USub):
            return -value
        if isinstance(node.op, ast.UAdd):
            return +value
        raise Refused(_operator_refused(node.op))

    def _binary(self, node: ast.BinOp) -> Any:
        method = _BINARY.get(type(node.op))
        if method is None:
            raise Refused(_operator_refused(node.op))
        left, right = self.eval(node.left), self.eval(node.right)
        if not isinstance(left, torch.Tensor) and not isinstance(right, torch.Tensor):
            return _number_arithmetic(left, right, node.op)
        tensor = left if isinstance(left, torch.Tensor) else right
        if isinstance(node.op, ast.MatMult):
            _check_matmul(left, right)
        op = (lambda a, b: getattr(a, method)(b)) if isinstance(left, torch.Tensor) else \
             (lambda a, b: getattr(b, "__r" + method[2:])(a))
        return _checked(op, left, right, what=translate("tensor_lab", "{op} on {shape}").format(
            op=_SYMBOLS[type(node.op)], shape=_shape(tensor)))

    def _subscript(self, node: ast.Subscript) -> Any:
        value = self.eval(node.value)
        index = self.eval(node.slice)
        index = tuple(index) if isinstance(index, list) else index
        if not isinstance(value, (torch.Tensor, torch.Size)):
            raise Refused(translate("tensor_lab", "indexing works on tensors and shapes only."))
        return value[index]

    # ------------------------------------------------------------------ attributes and calls

    def _attribute(self, node: ast.Attribute) -> Any:
        if isinstance(node.value, ast.Name) and node.value.id == "torch":
            if node.attr in DTYPES:
                return DTYPES[node.attr]
            raise Refused(translate("tensor_lab", "torch.{name} is not available; the lab has the types {types}, "
                                                  "...").format(name=node.attr, types="torch." + ", torch.".join(
                ("float32", "int64", "float64", "bool"))))
        if node.attr not in TENSOR_ATTRIBUTES:
            raise Refused(translate("tensor_lab", "the attribute .{name} is not allowed; attributes are {known}.")
                          .format(name=node.attr, known="." + ", .".join(TENSOR_ATTRIBUTES)))
        value = self.eval(node.value)
        if not isinstance(value, torch.Tensor):
            raise Refused(translate("tensor_lab", "{what} works on tensors only.").format(what="." + node.attr))
        return getattr(value, node.attr)

    def _call(self, node: ast.Call) -> Any:
        func = node.func
        if not isinstance(func, (ast.Attribute, ast.Name)):
            raise Refused(translate("tensor_lab", "calling {what} is not allowed in the lab.").format(what=_what(func)))
        if not isinstance(func, ast.Attribute):
            raise Refused(translate("tensor_lab", "calling {name}(...) is not allowed; the lab calls "
                                                  "torch.tensor(...) and tensor methods such as .reshape(...).")
                          .format(name=ast.unparse(func)))
        on_torch = isinstance(func.value, ast.Name) and func.value.id == "torch"
        if on_torch and func.attr not in CONSTRUCTORS:
            raise Refused(translate("tensor_lab", "torch.{name}(...) is not allowed; the lab has {known}.").format(
                name=func.attr, known="torch." + "(...), torch.".join(CONSTRUCTORS) + "(...)"))
        if not on_torch and func.attr not in TENSOR_METHODS:
            raise Refused(translate("tensor_lab", "the method .{name}(...) is not allowed; methods are {known}.")
                          .format(name=func.attr, known="." + "(), .".join(TENSOR_METHODS) + "()"))
        args = [self.eval(a) for a in node.args]
        kwargs = {k.arg: self.eval(k.value) for k in node.keywords if k.arg is not None}
        if len(kwargs) != len(node.keywords):
            raise Refused(translate("tensor_lab", "**keyword unpacking is not allowed."))
        if on_torch:
            return _construct(func.attr, args, kwargs)
        target = self.eval(func.value)
        if not isinstance(target, torch.Tensor):
            raise Refused(translate("tensor_lab", "{what} works on tensors only.").format(what=f".{func.attr}(...)"))
        if func.attr == "matmul" and args:
            _check_matmul(target, args[0])
        return _checked(lambda t, *a: getattr(t, func.attr)(*a, **kwargs), target, *args,
                        what=translate("tensor_lab", "{op} on {shape}").format(op=f".{func.attr}(...)",
                                                                               shape=_shape(target)))


_HANDLERS: dict[type, Callable[[_Lab, Any], Any]] = {
    ast.Constant: _Lab._constant, ast.Name: _Lab._name, ast.List: _Lab._sequence,
    ast.Tuple: _Lab._sequence, ast.Slice: _Lab._slice, ast.UnaryOp: _Lab._unary,
    ast.BinOp: _Lab._binary, ast.Subscript: _Lab._subscript, ast.Attribute: _Lab._attribute,
    ast.Call: _Lab._call,
}


def _what(node: ast.AST) -> str:
    """A node named the way a learner would recognise it."""
    names = {ast.Lambda: "lambda", ast.ListComp: translate("tensor_lab", "a list comprehension"),
             ast.GeneratorExp: translate("tensor_lab", "a generator expression"),
             ast.DictComp: translate("tensor_lab", "a dict comprehension"),
             ast.SetComp: translate("tensor_lab", "a set comprehension"), ast.Import: "import",
             ast.ImportFrom: "import", ast.FunctionDef: "def", ast.For: translate("tensor_lab", "a for loop"),
             ast.While: translate("tensor_lab", "a while loop"), ast.Dict: translate("tensor_lab", "a dict"),
             ast.Compare: translate("tensor_lab", "a comparison"), ast.BoolOp: "and/or", ast.IfExp: "if/else",
             ast.Starred: "*unpacking", ast.JoinedStr: translate("tensor_lab", "an f-string"),
             ast.AugAssign: translate("tensor_lab", "+= and friends")}
    return names.get(type(node), type(node).__name__)


def _operator_refused(op: ast.AST) -> str:
    return translate("tensor_lab", "the operator {name} is not allowed; use + - * / ** @.").format(
        name=type(op).__name__)


def _shape(t: torch.Tensor) -> str:
    return "[" + ", ".join(str(d) for d in t.shape) + "]"


def _integer(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise Refused(translate("tensor_lab", "{what} must be a whole number, not {value}.").format(
            what=what, value=repr(value)))
    return value


def _number_arithmetic(left: Any, right: Any, op: ast.operator) -> Any:
    for v in (left, right):
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise Refused(translate("tensor_lab", "arithmetic works on numbers and tensors, not on {type}.").format(
                type=type(v).__name__))
    if isinstance(op, ast.Pow) and left not in (0, 1, -1):
        if abs(right) * math.log10(abs(left)) > 18:
            raise Refused(translate("tensor_lab", "{left} ** {right} is too large a number for the lab.").format(
                left=str(left), right=str(right)))
    return getattr(left, _BINARY[type(op)])(right)


def _on_meta(value: Any) -> Any:
    if isinstance(value, torch.Tensor):
        return torch.empty(value.shape, dtype=value.dtype, device="meta")
    return value


def _check_size(result: Any, what: str) -> None:
    if isinstance(result, torch.Tensor) and result.numel() > MAX_ELEMENTS:
        raise Refused(translate("tensor_lab", "{what} would make {count:,} elements; the lab allows at most "
                                              "{limit:,}.").format(what=what, count=result.numel(),
                                                                   limit=MAX_ELEMENTS))


def _checked(op: Callable[..., Any], *args: Any, what: str) -> Any:
    """Run `op` on shape-only copies first; run it for real only if the result is small."""
    try:
        _check_size(op(*(_on_meta(a) for a in args)), what)
    except (NotImplementedError, RuntimeError):
        pass  # no meta kernel (or a shape error the real call will report in PyTorch's words)
    result = op(*args)
    _check_size(result, what)
    return result


def _check_matmul(left: Any, right: Any) -> None:
    if isinstance(left, torch.Tensor) and isinstance(right, torch.Tensor) and left.ndim and right.ndim:
        try:
            out = _on_meta(left) @ _on_meta(right)
        except RuntimeError:
            return  # PyTorch's own shape message comes from the real call
        cost = out.numel() * left.shape[-1]
        if cost > MAX_MULTIPLY_ADDS:
            raise Refused(translate("tensor_lab", "{left} @ {right} needs {cost:,} multiply-adds; the lab allows "
                                                  "at most {limit:,}.").format(
                left=_shape(left), right=_shape(right), cost=cost, limit=MAX_MULTIPLY_ADDS))


def _literal_size(data: Any) -> int:
    if isinstance(data, (list, tuple)):
        return sum(_literal_size(x) for x in data)
    if isinstance(data, torch.Tensor):
        return data.numel()
    return 1


def _construct(name: str, args: list, kwargs: dict) -> torch.Tensor:
    unknown = set(kwargs) - {"dtype"}
    if unknown:
        raise Refused(translate("tensor_lab", "the keyword {name}= is not allowed; only dtype= is.").format(
            name=sorted(unknown)[0]))
    if "dtype" in kwargs and not isinstance(kwargs["dtype"], torch.dtype):
        raise Refused(translate("tensor_lab", "dtype= takes a torch type such as torch.float32 or torch.int64."))
    if name == "tensor":
        if len(args) != 1:
            raise Refused(translate("tensor_lab", "torch.tensor(...) takes one nested list of numbers."))
        if _literal_size(args[0]) > MAX_ELEMENTS:
            raise Refused(translate("tensor_lab", "the literal has more than {limit:,} elements.").format(
                limit=MAX_ELEMENTS))
        return torch.tensor(args[0], **kwargs)
    maker = getattr(torch, name)
    _check_size(maker(*args, **kwargs, device="meta"), f"torch.{name}(...)")
    return maker(*args, **kwargs)
