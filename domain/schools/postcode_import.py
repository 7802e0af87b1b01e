"""Loading the optional postcode file (ONS Postcode Directory): every postcode's grid point, for
searches near a postcode that no school has (postcode_places.py, docs/postcodes.md).

All or nothing, and re-runnable: the file replaces the table in one transaction, so a newer
directory (ONS publishes one each quarter) takes the old one's place, and a file that fails while
it is written leaves the old table as it was."""

from django.db import transaction
from django.utils import timezone

from .importers.postcodes import ParsedPostcodes
from .models import Postcode, RegisterImport, RegisterImportKind
from .services import record_import

BATCH = 5_000


def import_postcodes(*, parsed: ParsedPostcodes, file_name: str, actor=None) -> RegisterImport:
    started_at = timezone.now()
    with transaction.atomic():
        before = Postcode.objects.count()
        Postcode.objects.all().delete()
        for start in range(0, len(parsed.rows), BATCH):
            Postcode.objects.bulk_create(
                [Postcode(postcode=p, easting=e, northing=n) for p, e, n in parsed.rows[start : start + BATCH]]
            )
        return record_import(
            kind=RegisterImportKind.POSTCODES,
            layout="onspd",
            file_name=file_name,
            started_at=started_at,
            row_count=parsed.row_count,
            counts={
                "postcodes": len(parsed.rows),
                "replaced": before,
                "without_grid": parsed.without_grid,
                "northern_ireland": parsed.northern_ireland,
            },
            actor=actor,
        )
