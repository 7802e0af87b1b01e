"""Every installation has the Department for Education as the body whose officials decide NLE and
NLG designations (seed 004 §14; seed 003), not only the demo and the tests."""

from django.db import migrations


def create(apps, schema_editor):
    from domain.organisations.national import ensure_department

    ensure_department(organisation_model=apps.get_model("organisations", "Organisation"))


class Migration(migrations.Migration):
    dependencies = [("organisations", "0006_department_for_education")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
