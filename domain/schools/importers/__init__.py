"""Parsing the published files the register is built from: pure functions, no database.

Each parser reads the bytes of one file (plain or gzipped CSV, UTF-8 or Windows-1252), finds
its columns by name, checks every row and returns plain values. Any problem raises
`ImportFileError` naming the row and column, before anything is written. Writing is the
business of `domain.schools.services` and `domain.organisations.services`."""

from .errors import ImportFileError
from .reading import read_file_bytes

__all__ = ["ImportFileError", "read_file_bytes"]
