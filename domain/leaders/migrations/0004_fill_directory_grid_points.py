from django.db import migrations


def fill(apps, schema_editor):
    DirectoryEntry = apps.get_model("leaders", "DirectoryEntry")
    for entry in DirectoryEntry.objects.select_related("school").exclude(school=None):
        entry.easting, entry.northing = entry.school.easting, entry.school.northing
        entry.save(update_fields=["easting", "northing"])


class Migration(migrations.Migration):
    dependencies = [("leaders", "0003_directory_entry_grid_point")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
