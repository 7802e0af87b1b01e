"""Booking, the waiting list and cancellation as decision tables (domain/training/services.py): tests
that kill the mutants `make mutate` found surviving (docs/testing.md)."""
