from django.db import migrations


def create(apps, schema_editor):
    from domain.organisations.national import ensure_national_organisations

    ensure_national_organisations(
        organisation_model=apps.get_model("organisations", "Organisation"),
        region_model=apps.get_model("organisations", "Region"),
    )


class Migration(migrations.Migration):
    dependencies = [("organisations", "0003_regions")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
