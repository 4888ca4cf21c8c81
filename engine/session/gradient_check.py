"""Finite differences against autograd for the scenario in use (the "numeric check")."""
from __future__ import annotations

from typing import Any

from ..text import translate
from ..tracing.gradcheck import GradCheckEntry, gradient_check

# Float64 copies of the model and two loss evaluations per checked element: fine for the
# small scenarios, far too slow for a GPT on a CPU.
MAX_CHECKED_PARAMETERS = 100_000


def check_scenario_gradients(scenario: Any, elements_per_param: int = 3) -> list[GradCheckEntry]:
    """Autograd's gradient and the central difference (L(p+ε) − L(p−ε)) / 2ε for the elements
    with the largest gradients of every parameter, on the batch the next step trains on."""
    model = scenario.model
    n_params = sum(p.numel() for p in model.parameters())
    if n_params > MAX_CHECKED_PARAMETERS:
        raise ValueError(translate("engine", "The numeric check compares every checked element twice in "
                                             "float64; this model has {parameters:,} parameters (the check takes "
                                             "at most {limit:,}). Try Autograd basics or the small net.").format(
            parameters=n_params, limit=MAX_CHECKED_PARAMETERS))
    inputs, targets = scenario.batch()
    return gradient_check(model, inputs, targets, scenario.loss_fn,
                          elements_per_param=elements_per_param)
