"""Criteria sets and assessment grids become the region's own data (issue 14). The first version of
each is loaded from today's JSON files (criteria_sets/*.json and criteria_sets/grids/*.json), in
force and agreed "on adoption"."""

import json
from pathlib import Path

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

SETS_DIR = Path(__file__).resolve().parents[1] / "criteria_sets"
ON_ADOPTION = "On adoption"


def _documents():
    for kind, folder in (("set", SETS_DIR), ("grid", SETS_DIR / "grids")):
        for path in sorted(folder.glob("*.json")):
            yield kind, json.loads(path.read_text(encoding="utf-8"))


def load_first_versions(apps, schema_editor):
    """Each file as a version in force, agreed on adoption (no date: in force since the criteria
    were adopted); a version already there is left as it is."""
    CriteriaVersion = apps.get_model("designation", "CriteriaVersion")
    for kind, document in _documents():
        document.pop("status", None)  # a stored version's status is its row's
        CriteriaVersion.objects.get_or_create(
            kind=kind,
            set_id=document["id"],
            version=document["version"],
            defaults={
                "role": (document.get("role") or "").lower(),
                "region": document["region"],
                "title": document["title"],
                "status": "in_force",
                "document": document,
                "agreed_by": ON_ADOPTION,
            },
        )


def remove_first_versions(apps, schema_editor):
    apps.get_model("designation", "CriteriaVersion").objects.all().delete()



class Migration(migrations.Migration):

    dependencies = [
        ('designation', '0003_designation_reviews'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='CriteriaVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('set', 'Eligibility criteria'), ('grid', 'Assessment grid')], max_length=10)),
                ('set_id', models.CharField(max_length=60)),
                ('version', models.PositiveIntegerField()),
                ('role', models.CharField(blank=True, max_length=10)),
                ('region', models.CharField(max_length=20)),
                ('title', models.CharField(max_length=200)),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('agreed', 'Agreed by the regional board'), ('in_force', 'In force'), ('superseded', 'Superseded')], default='draft', max_length=12)),
                ('document', models.JSONField()),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('agreed_by', models.CharField(blank=True, max_length=200)),
                ('agreed_on', models.DateField(blank=True, null=True)),
                ('in_force_from', models.DateField(blank=True, null=True)),
                ('superseded_on', models.DateField(blank=True, null=True)),
                ('agreement_recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['kind', 'region', 'set_id', 'version'],
                'constraints': [models.UniqueConstraint(fields=('kind', 'set_id', 'version'), name='criteria_version_once'), models.UniqueConstraint(condition=models.Q(('status', 'in_force')), fields=('kind', 'set_id'), name='criteria_one_version_in_force')],
            },
        ),
        migrations.RunPython(load_first_versions, remove_first_versions),
    ]
