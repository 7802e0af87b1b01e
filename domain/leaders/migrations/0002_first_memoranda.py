from django.db import migrations


def create(apps, schema_editor):
    from domain.leaders.memorandum_text import BODY, TITLE

    Region = apps.get_model("organisations", "Region")
    Memorandum = apps.get_model("leaders", "Memorandum")
    for region in Region.objects.all():
        Memorandum.objects.get_or_create(region=region, version=1, defaults={"title": TITLE, "body": BODY})


class Migration(migrations.Migration):
    dependencies = [("leaders", "0001_initial"), ("organisations", "0003_regions")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
