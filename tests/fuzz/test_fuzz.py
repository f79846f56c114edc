"""The fuzz harness, briefly: every past crasher through every command, and a few derandomized hypothesis
cases per command (PLANPARSE_FUZZ_CASES sets how many; benchmarks/fuzz.py runs it at length)."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings

from .harness import COMMANDS, INPUTS, crasher_cases, run, warm_up

CASES = int(os.environ.get("PLANPARSE_FUZZ_CASES", "25"))
# Looser than the 2 s: a busy CI machine must not fail a case that takes milliseconds here.
SUITE_TIME_LIMIT = 10.0


@pytest.fixture(scope="module", autouse=True)
def _warm():
    warm_up()


@pytest.mark.parametrize(("name", "command", "inputs"), crasher_cases(), ids=lambda v: v if isinstance(v, str) else "")
def test_past_crashers_end_in_output_or_one_line(name, command, inputs):
    run(command, inputs, SUITE_TIME_LIMIT)


@pytest.mark.parametrize("command", COMMANDS)
def test_generated_inputs_end_in_output_or_one_line(command):
    # derandomize: the same cases on every run, so the suite never fails at random
    @settings(max_examples=CASES, derandomize=True, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(INPUTS[command])
    def case(inputs):
        run(command, inputs, SUITE_TIME_LIMIT)

    case()
