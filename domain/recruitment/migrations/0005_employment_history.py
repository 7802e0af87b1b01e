# The applicant's employment history, SLE specialisms and NLE route (issue 14). Named 0005 as told; depends
# on 0003, the latest on main, and is re-chained at merge.

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("recruitment", "0004_eligibility_runs_and_judgements"),
        ("schools", "0005_postcode"),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="route",
            field=models.CharField(blank=True, max_length=60),
        ),
        migrations.AddField(
            model_name="application",
            name="specialisms",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.CreateModel(
            name="EmploymentPost",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("headteacher", "Headteacher"),
                            ("executive_head", "Executive headteacher"),
                            ("acting_head", "Acting head"),
                            ("head_of_school", "Head of school"),
                            ("mat_ceo", "MAT chief executive"),
                            ("trust_leader", "Trust leader"),
                            ("deputy_head", "Deputy headteacher"),
                            ("assistant_head", "Assistant headteacher"),
                            ("senior_leader", "Senior leader"),
                            ("middle_leader", "Middle leader"),
                            ("school_business_manager", "School business manager"),
                            ("chair_of_governors", "Chair of governors"),
                            ("trustee", "Trustee"),
                            ("governance_professional", "Governance professional"),
                        ],
                        max_length=40,
                    ),
                ),
                ("start", models.DateField()),
                ("end", models.DateField(blank=True, null=True)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "application",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="posts", to="recruitment.application"
                    ),
                ),
                (
                    "school",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="schools.school",
                    ),
                ),
            ],
            options={
                "ordering": ["application_id", "-start", "id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("end__isnull", True), ("end__gte", models.F("start")), _connector="OR"),
                        name="employment_post_ends_after_it_starts",
                    )
                ],
            },
        ),
    ]
