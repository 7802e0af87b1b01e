"""Reading a published CSV file: gzip or plain, UTF-8 or Windows-1252, columns found by name."""

import csv
import gzip
import io
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import ImportFileError
from .values import CellError

GZIP_MAGIC = b"\x1f\x8b"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # an old Excel .xls
PROGRESS_EVERY = 5_000

Progress = Callable[[int], None] | None


def read_file_bytes(path: str | Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise ImportFileError(f"There is no file at {path}") from None
    except OSError as error:
        raise ImportFileError(f"The file {path} cannot be read: {error.strerror or error}") from None


def decompress(data: bytes) -> bytes:
    """The file's bytes, unzipped when gzipped (known by its first bytes, not by its name)."""
    if not data.startswith(GZIP_MAGIC):
        return data
    try:
        return gzip.decompress(data)
    except (EOFError, OSError, zlib.error) as error:
        raise ImportFileError(f"The gzip file is truncated or damaged ({error})") from None


def decode(data: bytes) -> str:
    """GIAS downloads have been Windows-1252, other publishers' UTF-8: try UTF-8 first."""
    if data.startswith(ZIP_MAGIC) or data.startswith(OLE_MAGIC):
        raise ImportFileError("The file is a spreadsheet or an archive, not a CSV file: save it as CSV first")
    if b"\x00" in data:
        raise ImportFileError("The file is not a CSV text file (it holds binary data)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"The file is not text in UTF-8 or Windows-1252 (byte {error.start + 1} cannot be read)"
        ) from None


def normalise_column(name: str) -> str:
    return " ".join(name.replace("\ufeff", "").replace("ï»¿", "").split()).lower()


class Sheet:
    """A CSV table: its header and its rows, read lazily and numbered as a spreadsheet does
    (header row 1). Rows with the wrong number of cells stop the reading at once."""

    def __init__(self, text: str):
        self._reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        try:
            header = next(self._reader)
        except StopIteration:
            raise ImportFileError("The file is empty") from None
        except csv.Error as error:
            raise ImportFileError(f"is not valid CSV ({error})", row=1) from None
        self.header = [" ".join(name.replace("\ufeff", "").split()) for name in header]
        while self.header and not self.header[-1]:
            self.header.pop()
        if not any(self.header):
            raise ImportFileError("The file has no header row")
        self._index: dict[str, int] = {}
        for position, name in enumerate(self.header):
            self._index.setdefault(normalise_column(name), position)
        self._positions: dict[str, int] = {}

    @classmethod
    def from_bytes(cls, data: bytes) -> "Sheet":
        return cls(decode(decompress(data)))

    def has(self, name: str) -> bool:
        return normalise_column(name) in self._index

    def find(self, *names: str) -> str | None:
        """The first of `names` that the header holds, as the header spells it."""
        for name in names:
            position = self._index.get(normalise_column(name))
            if position is not None:
                return self.header[position]
        return None

    def position(self, name: str) -> int:
        found = self._positions.get(name)
        if found is None:
            found = self._positions[name] = self._index[normalise_column(name)]
        return found

    def require(self, what: str, *columns: str | tuple[str, ...]) -> None:
        """Stops with one line when a column the file must have is missing."""
        for column in columns:
            options = column if isinstance(column, tuple) else (column,)
            if self.find(*options) is None:
                shown = ", ".join(f'"{name}"' for name in self.header[:8])
                if len(self.header) > 8:
                    shown += ", ..."
                raise ImportFileError(
                    f'The file has no "{options[0]}" column, so it is not {what} (its columns are: {shown})'
                )

    def rows(self, progress: Progress = None) -> Iterator[tuple[int, list[str]]]:
        width = len(self.header)
        row_number = 1
        while True:
            try:
                cells = next(self._reader)
            except StopIteration:
                return
            except csv.Error as error:
                reason = str(error)
                if "end of data" in reason or "EOF" in reason:
                    reason = "a quoted value is never closed: the file looks truncated"
                raise ImportFileError(f"is not valid CSV ({reason})", row=row_number + 1) from None
            row_number += 1
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue  # a blank line
            if len(cells) > width and not any(cell.strip() for cell in cells[width:]):
                cells = cells[:width]
            if len(cells) != width:
                raise ImportFileError(
                    f"has {len(cells)} values where the header has {width} columns"
                    + (": the file looks truncated" if len(cells) < width else ""),
                    row=row_number,
                )
            if progress and (row_number - 1) % PROGRESS_EVERY == 0:
                progress(row_number - 1)
            yield row_number, cells


class Problems:
    """Collects the problems of a file so that the first is reported with a count of the rest."""

    def __init__(self):
        self.first: ImportFileError | None = None
        self.count = 0

    def add(self, error: ImportFileError) -> None:
        if self.first is None:
            self.first = error
        self.count += 1

    def value(self, row: int, column: str, parse, text: str):
        """`parse(text)`, or None after noting the problem under the row and column."""
        try:
            return parse(text)
        except CellError as error:
            self.add(ImportFileError(str(error), row=row, column=column))
            return None

    def raise_if_any(self) -> None:
        if self.first is not None:
            raise self.first.with_more(self.count - 1)
