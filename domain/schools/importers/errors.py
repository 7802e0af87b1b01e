"""The one error type an import raises for bad input."""


class ImportFileError(Exception):
    """A problem with the file being imported, as one line a person can act on:
    `Row 17, column "OpenDate": "31/02/2019" is not a date (expected dd-mm-yyyy)`.

    `row` counts as a spreadsheet does: the header is row 1, the first data row is row 2.
    `more` is how many further problems the rest of the file has."""

    def __init__(self, message: str, *, row: int | None = None, column: str | None = None, more: int = 0):
        self.message = message
        self.row = row
        self.column = column
        self.more = more
        super().__init__(str(self))

    def with_more(self, more: int) -> "ImportFileError":
        return ImportFileError(self.message, row=self.row, column=self.column, more=more)

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"Row {self.row}")
        if self.column is not None:
            where.append(f'column "{self.column}"')
        line = f"{', '.join(where)}: {self.message}" if where else self.message
        if self.more:
            line += f" (and {self.more:,} more {'problem' if self.more == 1 else 'problems'} in the file)"
        return line
