"""collector.paused: the cyclic collector held off in a block, resumed after it, and (keep) what the block made
left out of its later walks."""

from __future__ import annotations

import gc

from planparse.collector import paused


def test_the_collector_is_paused_in_the_block_and_resumed_after_it_nested_or_not():
    assert gc.isenabled()
    with paused():
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer block's pause holds
    assert gc.isenabled()


def test_what_a_kept_block_made_is_frozen_before_the_collector_resumes():
    before = gc.get_freeze_count()
    try:
        with paused(keep=True):
            made = [[] for _ in range(1_000)]
        assert gc.isenabled() and gc.get_freeze_count() >= before + len(made)
    finally:
        gc.unfreeze()
