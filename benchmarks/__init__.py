"""Benchmarks: `make bench` runs every benchmarks/bench_*.py module's `run()` and prints figures.

Each benchmark sets up its own throwaway database (SQLite in a temporary file), measures with
time.perf_counter over several repeats, and prints one line per figure. Nothing here asserts
timings: they are figures to read and compare, not tests."""
