"""The association rules as decision tables (domain/leaders/association_services.py): tests that kill
the mutants `make mutate` found surviving (docs/testing.md)."""
