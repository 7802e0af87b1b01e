"""Path converters for the URL configuration.

`<id:...>` is a database id (or a URN, a version number: any whole number the database looks up).
Django's `<int:...>` takes any run of digits, and a Python int longer than the database's bigint
makes the lookup fail (OverflowError on SQLite, DataError on PostgreSQL) and the page answer 500.
An id here is 1 to 18 ASCII digits, always within a bigint (at most 9,223,372,036,854,775,807), so
a longer one does not match the URL at all: the page answers 404 (issue 13, "Security and
privacy": no input may cause a 500)."""

from django.urls import register_converter
from django.urls.converters import get_converters

# 18 digits: the largest such number, 999,999,999,999,999,999, is below 2**63 - 1.
MAX_ID_DIGITS = 18


class IdConverter:
    regex = f"[0-9]{{1,{MAX_ID_DIGITS}}}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))


def register() -> None:
    """Registers `<id:...>`; web.common's app config calls it before any URL is read."""
    if "id" not in get_converters():
        register_converter(IdConverter, "id")
