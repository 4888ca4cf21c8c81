"""What a generation hands to the views: settings, the tokens drawn and their candidates.

Plain records (no torch), so the GUI can build settings and read results without the engine.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import tokenizer
from ..text import translate

TOP_N = 10
MAX_NEW_TOKENS = 200


@dataclass(frozen=True)
class GenerationSettings:
    """How to pick each next token. temperature 0 is greedy (always the most likely)."""

    max_new_tokens: int = 20
    temperature: float = 1.0
    top_k: int = 0  # 0: no limit; else sample among the k most likely
    top_p: float = 1.0  # 1: no limit; else the smallest set whose probability reaches top_p
    seed: int = 123

    def problems(self) -> list[str]:
        found = []
        if not 1 <= self.max_new_tokens <= MAX_NEW_TOKENS:
            found.append(translate("generation", "New tokens must be 1 to {limit}, not {value}.").format(
                limit=MAX_NEW_TOKENS, value=self.max_new_tokens))
        if not 0.0 <= self.temperature <= 10.0:
            found.append(translate("generation", "Temperature must be 0 (greedy) to 10, not {value}.").format(
                value=self.temperature))
        if self.top_k < 0:
            found.append(translate("generation", "Top-k must be 0 (off) or more, not {value}.").format(
                value=self.top_k))
        if not 0.0 < self.top_p <= 1.0:
            found.append(translate("generation", "Top-p must be above 0 and at most 1, not {value}.").format(
                value=self.top_p))
        return found


@dataclass(frozen=True)
class TokenChoice:
    """One candidate next token."""

    token_id: int
    text: str  # visible text (spaces as ·, partial bytes as <0x..>)
    probability: float  # the model's softmax of the logits (temperature 1, nothing cut)
    sampling_probability: float  # after temperature, top-k and top-p: what the draw used


@dataclass(frozen=True)
class GeneratedToken:
    """One generated position: the token drawn and the ten most likely candidates."""

    position: int  # index in the whole sequence (prompt tokens first)
    chosen: TokenChoice
    top: tuple[TokenChoice, ...]  # the TOP_N most likely by the model, most likely first

    @property
    def rest_probability(self) -> float:
        """The model's probability of every token outside `top`."""
        return max(0.0, 1.0 - sum(c.probability for c in self.top))


@dataclass(frozen=True)
class Generation:
    """A prompt, its continuation and the probabilities behind every generated token."""

    prompt: str
    prompt_ids: tuple[int, ...]  # what the model read (an empty prompt starts at <|endoftext|>)
    settings: GenerationSettings
    tokens: tuple[GeneratedToken, ...]
    step: int = 0  # optimizer steps the model had taken

    @property
    def token_ids(self) -> tuple[int, ...]:
        return tuple(t.chosen.token_id for t in self.tokens)

    @property
    def continuation(self) -> str:
        return tokenizer.decode(self.token_ids)
