"""Writing many rows quickly (an import of a region's leaders, the invitations it sends): inserts in a
few statements, not one compiled query per value; keys are read back by what identifies each row;
and audit rows written together. Call inside the caller's transaction."""

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone

from .models import AuditEvent

BATCH = 5_000

CHUNK = 2_000

__all__ = ["CHUNK", "Audit", "chunks", "insert_rows"]


def insert_rows(model, rows: list[dict]) -> int:
    """Inserts rows given as {attname: value} in a few statements (as
    `domain.schools.bulk_writes.insert_rows`, which prepares each value through the connection
    proxy: too slow for the 60,000 values of an import's audit rows). Fields not given take their
    default, computed once for all rows: give per-row values (a random salt) explicitly."""
    if not rows:
        return 0
    connection = connections[DEFAULT_DB_ALIAS]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    given = set().union(*(row.keys() for row in rows))
    columns = []
    for field in fields:
        name = field.attname if field.attname in given else field.name if field.name in given else None
        prepare = _preparer(field, connection)
        default = None if name else field.get_db_prep_save(_default(field), connection)
        columns.append((name, prepare, default))
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(field.column) for field in fields)
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            values = [
                [
                    default if name is None else (None if row.get(name) is None else prepare(row[name]))
                    for name, prepare, default in columns
                ]
                for row in rows[start : start + BATCH]
            ]
            if postgres:
                types = ", ".join(f"(%s)::{field.db_type(connection).split('(')[0]}[]" for field in fields)
                sql = f"INSERT INTO {table} ({names}) SELECT * FROM UNNEST({types})"  # noqa: S608
                cursor.execute(sql, [list(column) for column in zip(*values, strict=True)])
            else:
                sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608
                cursor.executemany(sql, values)
    return len(rows)


# Values both databases' drivers take as they are: no preparing needed.
AS_THEY_ARE = frozenset(
    {
        "CharField",
        "TextField",
        "EmailField",
        "SlugField",
        "IntegerField",
        "BigIntegerField",
        "SmallIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "PositiveBigIntegerField",
        "BooleanField",
        "ForeignKey",
        "OneToOneField",
    }
)


def _preparer(field, connection):
    """A function preparing one value of `field` for the database, as Django would."""
    kind = field.get_internal_type()
    if kind in AS_THEY_ARE:
        return lambda value: value
    if kind in ("DateField", "DateTimeField"):  # an import repeats a few dates many times
        cache = {}

        def prepare(value):
            if value not in cache:
                cache[value] = field.get_db_prep_save(value, connection)
            return cache[value]

        return prepare
    return lambda value: field.get_db_prep_save(value, connection)


def _default(field):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return timezone.now()
    if field.has_default() or not field.null:
        return field.get_default()
    return None


def chunks(values) -> list[list]:
    values = sorted(set(values))
    return [values[start : start + CHUNK] for start in range(0, len(values), CHUNK)]


class Audit:
    """Audit rows for what the import creates, written in one bulk insert (`write`)."""

    def __init__(self, actor):
        self.actor_id = getattr(actor, "pk", None)
        self.now = timezone.now()
        self.rows: list[dict] = []

    def add(self, action, subject_type, subject_id, label, *, to_state="", organisation_id=None, data=None, reason=""):
        self.rows.append(
            {
                "occurred_at": self.now,
                "actor_id": self.actor_id,
                "action": action,
                "subject_type": subject_type,
                "subject_id": str(subject_id),
                "subject_label": str(label)[:255],
                "to_state": to_state,
                "reason": reason,
                "data": {**(data or {}), "bulk": True},
                "organisation_id": organisation_id,
            }
        )

    def write(self) -> int:
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("audit rows must be written inside the transaction of the change they record")
        written = insert_rows(AuditEvent, self.rows)
        self.rows = []
        return written
