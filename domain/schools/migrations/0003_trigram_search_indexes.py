"""On PostgreSQL, trigram indexes let a search by part of a school's name, its town or its
postcode use an index instead of reading every school (the directory's "near a school" box and
the register's search). SQLite has no such index type: there the migration does nothing.

pg_trgm is a trusted extension (PostgreSQL 13 and later), so the database's owner can create it."""

from django.db import migrations

COLUMNS = ("name", "town", "postcode")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS schools_school_{column}_upper_trgm "
            f"ON schools_school USING gin (UPPER({column}::text) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS schools_school_{column}_upper_trgm")


class Migration(migrations.Migration):
    dependencies = [("schools", "0002_register_import")]
    operations = [migrations.RunPython(create, drop, elidable=False)]
