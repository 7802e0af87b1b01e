"""Application forms become the region's own data (issue 14, item 6), a third kind of the versions
criteria sets and grids are. The first version of each form is loaded from its code definition
(recruitment.application_form.FORMS), agreed "on adoption": the form each role's new rounds take in
force; the first LLE form (yh-2017@1), kept for the rounds made on it, superseded."""

from django.db import migrations, models

ON_ADOPTION = "On adoption"
# The first LLE form, which the LLE form asking for posts replaced (application_form.LLE_FORM).
KEPT_FOR_ITS_ROUNDS = "yh-2017@1"


def _documents():
    from domain.recruitment.application_form import FORMS
    from domain.recruitment.form_documents import document_of

    for version, form in FORMS.items():
        yield version, document_of(form)


def load_first_forms(apps, schema_editor):
    """Each form as a first version; a version already there is left as it is."""
    CriteriaVersion = apps.get_model("designation", "CriteriaVersion")
    for version, document in _documents():
        CriteriaVersion.objects.get_or_create(
            kind="form",
            set_id=document["id"],
            version=document["version"],
            defaults={
                "role": document["role"],
                "region": document["region"],
                "title": document["title"],
                "status": "superseded" if version == KEPT_FOR_ITS_ROUNDS else "in_force",
                "document": document,
                "agreed_by": ON_ADOPTION,
            },
        )


def remove_forms(apps, schema_editor):
    apps.get_model("designation", "CriteriaVersion").objects.filter(kind="form").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("designation", "0004_criteria_sets_as_data"),
    ]

    operations = [
        migrations.AlterField(
            model_name="criteriaversion",
            name="kind",
            field=models.CharField(
                choices=[("set", "Eligibility criteria"), ("grid", "Assessment grid"), ("form", "Application form")],
                max_length=10,
            ),
        ),
        migrations.RunPython(load_first_forms, remove_forms),
    ]
