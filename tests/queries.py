"""Asserting that a page runs the same number of queries however long its list is."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(fn) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as ctx:
        result = fn()
    return len(ctx.captured_queries), result


def assert_constant_queries(fetch, grow, *, times=2):
    """`fetch()` renders the list; `grow()` adds rows to it. Fails if the query count rises."""
    before, _ = count_queries(fetch)
    for _ in range(times):
        grow()
    after, response = count_queries(fetch)
    assert after == before, f"the list ran {before} queries, then {after} after it grew"
    return response
