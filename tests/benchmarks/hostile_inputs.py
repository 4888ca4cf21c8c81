"""Tally of hostile inputs against the headless commands: per class, how many were tried and
how each ended: a clear message (or a normal result), a traceback, a hang, data lost.

    python tests/benchmarks/hostile_inputs.py [--seed N] [--scale K]

A traceback is an exception escaping the command or exit status 1 (a crash log written); a
hang is a command still running after 30 s; data lost is a user file changed, or a previous
checkpoint no longer loading, after a refused write.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import signal
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from engine.cli import main  # noqa: E402

TINY = {"vocab_size": 50257, "context_length": 16, "emb_dim": 8, "n_heads": 2, "n_layers": 1,
        "drop_rate": 0.0, "qkv_bias": False}
TRAIN = {"batch_size": 2, "max_length": 16, "stride": 16, "eval_interval": 100, "eval_batches": 1}
TEXT = "A loss curve falls as the model learns to predict the next token. " * 50


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang


def run_cli(argv: list[str]) -> str:
    """'message' (a plain message or a normal result), 'traceback' or 'hang' for one CLI run."""
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(30)
    try:
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            code = main(argv)
    except Hang:
        return "hang"
    except SystemExit as exc:  # argparse's own usage error: a message, exit 2
        return "message" if exc.code == 2 else "traceback"
    except BaseException:  # noqa: BLE001 - anything escaping is what we count
        return "traceback"
    finally:
        signal.alarm(0)
    return "traceback" if code == 1 else "message"


def random_value(rng: random.Random, depth: int = 0):
    kinds = ["int", "bigint", "neg", "float", "str", "bool", "null"] + (["list", "dict"] if depth < 2 else [])
    kind = rng.choice(kinds)
    return {"int": lambda: rng.randint(0, 5000), "bigint": lambda: rng.randint(10 ** 6, 10 ** 40),
            "neg": lambda: -rng.randint(0, 10 ** 20), "float": lambda: rng.choice([0.5, 1e308, -0.0, 1e-9]),
            "str": lambda: rng.choice(["", "12", "nan", "é" * 3, "a" * 100]), "bool": lambda: rng.random() < .5,
            "null": lambda: None, "list": lambda: [random_value(rng, depth + 1) for _ in range(2)],
            "dict": lambda: {"k": random_value(rng, depth + 1)}}[kind]()


def hostile_file(rng: random.Random, folder: Path, base: dict) -> Path:
    """A config-like file: mutated dict, random JSON, random bytes, or a special file."""
    path = folder / f"in{rng.randrange(10 ** 9)}.json"
    kind = rng.choice(["mutate", "mutate", "mutate", "json", "bytes", "fifo", "dir", "sparse", "deep"])
    if kind == "mutate":
        data = dict(base)
        for _ in range(rng.randint(1, 3)):
            data[rng.choice(list(base) + ["extra"])] = random_value(rng)
        path.write_text(json.dumps(data))
    elif kind == "json":
        path.write_text(json.dumps(random_value(rng)))
    elif kind == "bytes":
        path.write_bytes(bytes(rng.randrange(256) for _ in range(rng.randint(0, 64))))
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "dir":
        path.mkdir()
    elif kind == "sparse":
        with open(path, "wb") as fh:
            fh.truncate(2 ** 30)
    else:
        path.write_text("[" * 50_000 + "]" * 50_000)
    return path


def tally_configs(rng, folder, n, counts):
    for _ in range(n):
        counts["model config files"][run_cli(["info", "--config", str(hostile_file(rng, folder, TINY))])] += 1
    for _ in range(n):
        path = hostile_file(rng, folder, TRAIN)
        counts["training config files"][run_cli(["train", "--preset", "micro", "--train-config", str(path),
                                                 "--device", "tpu"])] += 1


def tally_texts(rng, folder, n, counts):
    args = [a for a in _tiny_args(folder) if a != "--text"]
    args = [a for a in args if a != str(folder / "t.txt")]
    for _ in range(n):
        path = folder / f"t{rng.randrange(10 ** 9)}.txt"
        kind = rng.choice(["bytes", "empty", "run", "fifo", "sparse", "bom", "short"])
        if kind == "bytes":
            path.write_bytes(bytes(rng.randrange(256) for _ in range(2000)))
        elif kind == "empty":
            path.write_text("  \n")
        elif kind == "run":
            path.write_text("x" * 30_000)
        elif kind == "fifo":
            os.mkfifo(path)
        elif kind == "sparse":
            with open(path, "wb") as fh:
                fh.truncate(2 ** 30)
        elif kind == "bom":
            path.write_bytes(b"\xef\xbb\xbf" + b"hello " * 10)
        else:
            path.write_text("too short")
        counts["training texts"][run_cli(args + ["--text", str(path)])] += 1


def _tiny_args(folder: Path) -> list[str]:
    (folder / "tiny.json").write_text(json.dumps(TINY))
    (folder / "train.json").write_text(json.dumps(TRAIN))
    (folder / "t.txt").write_text(TEXT)
    return ["train", "--config", str(folder / "tiny.json"), "--train-config", str(folder / "train.json"),
            "--text", str(folder / "t.txt"), "--steps", "1", "--device", "cpu"]


def tally_checkpoints(rng, folder, n, counts):
    from engine.checkpoint import checkpoint_files
    args = _tiny_args(folder)
    good = folder / "good"
    assert run_cli(args + ["--checkpoint", str(good)]) == "message"
    version = checkpoint_files(good)
    names = ["config.json", "model.safetensors", "optimizer.json", "optimizer.safetensors"]
    for i in range(n):
        copy = folder / f"ck{i}"
        os.system(f"cp -r '{good}' '{copy}'")
        target = copy / version.name / rng.choice(names) if rng.random() < .85 else copy / "checkpoint.json"
        raw = target.read_bytes()
        choice = rng.choice(["truncate", "flip", "json", "delete", "fifo"])
        if choice == "truncate":
            target.write_bytes(raw[: rng.randrange(len(raw) + 1)])
        elif choice == "flip":
            pos = rng.randrange(len(raw))
            target.write_bytes(raw[:pos] + bytes([raw[pos] ^ 0xFF]) + raw[pos + 1:])
        elif choice == "json":
            target.write_text(json.dumps(random_value(rng)))
        elif choice == "delete":
            target.unlink()
        else:
            target.unlink()
            os.mkfifo(target)
        counts["checkpoint folders (generate)"][run_cli(["generate", "--checkpoint", str(copy),
                                                         "--max-new-tokens", "1", "hi"])] += 1
        outcome = run_cli(args + ["--checkpoint", str(copy)])  # train into the damaged folder
        counts["checkpoint folders (train into)"][outcome] += 1


def tally_outputs(rng, folder, counts):
    """Places `train` must refuse without touching anything (checked by content)."""
    args = _tiny_args(folder)
    places = []
    hf = folder / "hf"
    hf.mkdir()
    (hf / "config.json").write_text('{"model_type": "gpt2"}')
    places += [hf, folder / "t.txt", folder / "t.txt" / "sub"]
    other = folder / "notes"
    other.mkdir()
    (other / "a.txt").write_text("mine")
    places.append(other)
    for place in places:
        before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
        outcome = run_cli(args + ["--checkpoint", str(place)])
        after = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
        counts["checkpoint targets not ours"]["data lost" if before != after else outcome] += 1
    for metrics in (folder / "t.txt", folder, folder / "nope" / "m.jsonl"):
        before = (folder / "t.txt").read_bytes()
        outcome = run_cli(args + ["--metrics", str(metrics)])
        lost = (folder / "t.txt").read_bytes() != before
        counts["metrics targets"]["data lost" if lost else outcome] += 1


def tally_arguments(rng, counts, n):
    for _ in range(n):
        value = str(rng.choice([-1, 0, 10 ** 7, 2 ** 64, -(2 ** 70), 10 ** 30]))
        argv = rng.choice([["generate", "--checkpoint", "x", "--max-new-tokens", value, "hi"],
                           ["generate", "--checkpoint", "x", "--seed", value, "hi"],
                           ["generate", "--checkpoint", "x", "--top-k", value, "hi"],
                           ["generate", "--checkpoint", "x", "--temperature", rng.choice(["nan", "-inf", "1e999"]), "hi"],
                           ["info", "--preset", "nano", "--batch-size", value],
                           ["info", "--preset", "nano", "--context", value],
                           ["train", "--preset", "micro", "--steps", value, "--device", "tpu"]])
        counts["command-line numbers"][run_cli(argv)] += 1


def main_tally() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--scale", type=int, default=1)
    opts = parser.parse_args()
    rng = random.Random(opts.seed)
    counts = type("Tally", (dict,), {"__missing__": lambda self, k: self.setdefault(k, Counter())})()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["BACKPROP_STUDIO_LOG_DIR"] = str(folder / "logs")
        tally_configs(rng, folder, 60 * opts.scale, counts)
        tally_texts(rng, folder, 30 * opts.scale, counts)
        tally_arguments(rng, counts, 60 * opts.scale)
        (folder / "out").mkdir()
        tally_outputs(rng, folder / "out", counts)
        (folder / "ck").mkdir()
        tally_checkpoints(rng, folder / "ck", 40 * opts.scale, counts)
    print(f"{'class':34} tried  ok/message  traceback  hang  data lost")
    for name, c in counts.items():
        print(f"{name:34} {sum(c.values()):5}  {c['message']:10}  {c['traceback']:9}  {c['hang']:4}  "
              f"{c['data lost']:9}")


if __name__ == "__main__":
    main_tally()
