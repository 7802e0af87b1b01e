"""Organisations that take part in the programme, and how schools belong to them."""

from django.db import models


class Region(models.Model):
    """One of the nine English regions (as GIAS names them)."""

    code = models.CharField(max_length=4, unique=True)
    name = models.CharField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class OrganisationKind(models.TextChoices):
    REGIONAL_BODY = "regional_body", "Regional body"
    TSA = "tsa", "Teaching school alliance"
    HUB = "hub", "Teaching school hub"
    TSA_GROUPING = "tsa_grouping", "Strategic grouping of alliances"
    SCHOOL = "school", "School"
    TRUST = "trust", "Trust"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    DIOCESE = "diocese", "Diocese"
    COMMISSIONER = "commissioner", "Commissioner"
    # The national role that decides NLE and NLG designations (seed 004 §14; seed 003).
    DEPARTMENT = "department", "Department for Education"


# Kinds that broker system leaders and own a list of them.
BROKERING_KINDS = {OrganisationKind.TSA, OrganisationKind.HUB, OrganisationKind.TSA_GROUPING}


class Organisation(models.Model):
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices, db_index=True)
    name = models.CharField(max_length=255)
    # The identifier the organisation has in published data: LA code, trust code, hub area code.
    code = models.CharField(max_length=40, blank=True)
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # For an alliance, hub or grouping: its lead school. For a school organisation: the school.
    lead_school = models.ForeignKey(
        "schools.School", null=True, blank=True, on_delete=models.SET_NULL, related_name="led_organisations"
    )
    school = models.OneToOneField(
        "schools.School", null=True, blank=True, on_delete=models.CASCADE, related_name="organisation"
    )
    # An alliance within a strategic grouping.
    grouping = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="member_alliances"
    )
    website = models.CharField(max_length=255, blank=True)
    # How schools reach an alliance or hub, shown in the directory; its coordinators keep them.
    contact_email = models.EmailField(max_length=254, blank=True)
    contact_phone = models.CharField(max_length=30, blank=True)
    # What the alliance or hub charges a school for a day of a leader's support: shown with each
    # offer and put in each new contract, which may change it (None: agreed case by case).
    day_rate = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    # Local authority districts a hub serves (hubs file, "areas" column).
    districts = models.JSONField(default=list, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "code"], condition=~models.Q(code=""), name="one_organisation_per_code"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def brokers_leaders(self) -> bool:
        return self.kind in BROKERING_KINDS


class AllianceMembership(models.Model):
    """A school in a teaching school alliance or hub; teaching schools are marked as such."""

    alliance = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="school_memberships")
    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="alliance_memberships")
    is_teaching_school = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["alliance", "school"], name="one_membership_per_alliance")]

    def __str__(self):
        return f"{self.school} in {self.alliance}"
