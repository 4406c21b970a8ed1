"""framestack.roomy: deep recursions under it stay in one chunk of CPython's frame stack."""

from __future__ import annotations

import resource
import sys

import pytest

from citekit import framestack


def _dip(depth: int) -> int:
    return 0 if depth == 0 else 1 + _dip(depth - 1)


def _dips(times: int, depth: int) -> int:
    """Minor page faults while recursing ``depth`` frames down and back, ``times`` times."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(times):
        _dip(depth)
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


def test_roomy_returns_what_the_function_returns_and_passes_errors_on() -> None:
    assert framestack.roomy(lambda a, b=1: a + b)(2, b=3) == 5

    def fails() -> None:
        raise KeyError("x")

    with pytest.raises(KeyError):
        framestack.roomy(fails)()
    # the flag is down again after an error: the next call gets its big frame
    assert framestack.roomy(lambda: framestack._inside.active)() is True
    assert framestack._inside.active is False


def test_the_big_frame_is_made_once_per_thread_not_per_nested_call() -> None:
    seen: list[bool] = []

    @framestack.roomy
    def outer() -> None:
        seen.append(framestack._inside.active)
        inner()

    @framestack.roomy
    def inner() -> None:
        seen.append(framestack._inside.active)

    outer()
    assert seen == [True, True]
    assert framestack._big_call is not framestack._call  # Python took the padded code


@pytest.mark.skipif(sys.platform != "linux", reason="minor page faults counted as on Linux")
def test_a_recursion_under_roomy_maps_no_new_stack_chunks() -> None:
    # Each dip of 300 frames crosses the end of a 16 KiB chunk and back: without room
    # CPython 3.11 maps a fresh chunk (and faults its pages in) every time.
    faults = framestack.roomy(_dips)(2_000, 300)
    assert faults < 200
    if sys.version_info[:2] == (3, 11):  # the behaviour the module works around
        assert _dips(2_000, 300) > 1_000
