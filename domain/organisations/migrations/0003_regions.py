from django.db import migrations


def create_regions(apps, schema_editor):
    from domain.organisations.regions import REGIONS

    Region = apps.get_model("organisations", "Region")
    for code, name in REGIONS:
        Region.objects.update_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("organisations", "0002_initial")]
    operations = [migrations.RunPython(create_regions, migrations.RunPython.noop)]
