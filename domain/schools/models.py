"""The register of schools in England, as imported from Get Information about Schools (GIAS)
and Ofsted's published outcomes."""

from django.db import models


class OfstedGrade(models.IntegerChoices):
    """Ofsted's overall effectiveness grades. Inspections from September 2024 give none, and
    report cards from November 2025 grade each area instead: a school may have no grade."""

    OUTSTANDING = 1, "Outstanding"
    GOOD = 2, "Good"
    REQUIRES_IMPROVEMENT = 3, "Requires improvement"
    INADEQUATE = 4, "Inadequate"


class InspectionKind(models.TextChoices):
    GRADED = "graded", "Graded inspection (overall effectiveness)"
    UNGRADED = "ungraded", "Ungraded inspection (no overall grade)"
    REPORT_CARD = "report_card", "Report card (a grade for each area)"


class SchoolStatus(models.TextChoices):
    OPEN = "open", "Open"
    OPEN_PROPOSED_TO_CLOSE = "proposed_to_close", "Open, but proposed to close"
    PROPOSED_TO_OPEN = "proposed_to_open", "Proposed to open"
    CLOSED = "closed", "Closed"


class School(models.Model):
    """An establishment on the register, keyed by its unique reference number (URN).
    Fields that a published file does not carry stay blank: nothing is guessed."""

    urn = models.PositiveIntegerField(unique=True)
    name = models.CharField(max_length=255, blank=True)
    laestab = models.CharField(max_length=20, blank=True)
    status = models.CharField(max_length=20, choices=SchoolStatus.choices, blank=True, db_index=True)
    type_name = models.CharField(max_length=120, blank=True, db_index=True)
    type_group = models.CharField(max_length=120, blank=True)
    phase = models.CharField(max_length=60, blank=True, db_index=True)
    statutory_low_age = models.PositiveSmallIntegerField(null=True, blank=True)
    statutory_high_age = models.PositiveSmallIntegerField(null=True, blank=True)
    number_of_pupils = models.PositiveIntegerField(null=True, blank=True)
    capacity = models.PositiveIntegerField(null=True, blank=True)
    # Percentage of pupils eligible for free school meals (GIAS "PercentageFSM").
    percentage_fsm = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    la_code = models.CharField(max_length=10, blank=True)
    la_name = models.CharField(max_length=120, blank=True, db_index=True)
    district_name = models.CharField(max_length=120, blank=True)
    region = models.ForeignKey(
        "organisations.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="schools"
    )
    trust_code = models.CharField(max_length=20, blank=True)
    trust_name = models.CharField(max_length=255, blank=True)
    religious_character = models.CharField(max_length=120, blank=True)
    # The diocese as GIAS names it (code such as "CE23"; blank for none): an organisation of kind
    # diocese has the same code, so a diocese finds its schools by it.
    diocese_code = models.CharField(max_length=10, blank=True, db_index=True)
    diocese_name = models.CharField(max_length=120, blank=True)
    street = models.CharField(max_length=255, blank=True)
    town = models.CharField(max_length=120, blank=True, db_index=True)
    postcode = models.CharField(max_length=12, blank=True, db_index=True)
    website = models.CharField(max_length=255, blank=True)
    easting = models.PositiveIntegerField(null=True, blank=True)
    northing = models.PositiveIntegerField(null=True, blank=True)
    opened_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    # The latest inspection, kept here for search and filters; the history is in Inspection.
    ofsted_grade = models.PositiveSmallIntegerField(choices=OfstedGrade.choices, null=True, blank=True)
    ofsted_date = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "urn"]
        indexes = [models.Index(fields=["easting", "northing"])]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name or f"Establishment URN {self.urn}"


class Inspection(models.Model):
    """One Ofsted inspection. `overall_grade` is empty for ungraded inspections and report cards;
    report cards keep a grade per evaluation area in `area_grades`."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="inspections")
    inspected_on = models.DateField()
    kind = models.CharField(max_length=20, choices=InspectionKind.choices, default=InspectionKind.GRADED)
    overall_grade = models.PositiveSmallIntegerField(choices=OfstedGrade.choices, null=True, blank=True)
    area_grades = models.JSONField(default=dict, blank=True)
    source = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["-inspected_on"]
        constraints = [models.UniqueConstraint(fields=["school", "inspected_on", "kind"], name="one_inspection_a_day")]

    def __str__(self):
        return f"{self.school.urn} {self.inspected_on} {self.get_overall_grade_display() or self.kind}"


class SchoolLink(models.Model):
    """A GIAS link between two URNs: predecessor or successor when a school converts, merges
    or closes. Kept by URN, not by foreign key, so that links to establishments outside the
    register still import and are followed once the other side arrives."""

    urn = models.PositiveIntegerField(db_index=True)
    linked_urn = models.PositiveIntegerField(db_index=True)
    linked_name = models.CharField(max_length=255, blank=True)
    link_type = models.CharField(max_length=80)
    established_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["urn", "linked_urn", "link_type"], name="one_link_per_type")]

    def __str__(self):
        return f"{self.urn} {self.link_type} {self.linked_urn}"

    @property
    def is_predecessor(self) -> bool:
        return self.link_type.lower().startswith("predecessor")


class RegisterImportKind(models.TextChoices):
    ESTABLISHMENTS = "establishments", "Establishments (GIAS)"
    INSPECTIONS = "inspections", "Ofsted inspection outcomes"
    LINKS = "links", "Links between establishments (GIAS)"
    TEACHING_SCHOOLS = "teaching_schools", "Teaching schools and their alliances"
    HUBS = "hubs", "Teaching school hubs"
    POSTCODES = "postcodes", "Postcodes and their grid points (ONS)"


class RegisterImport(models.Model):
    """One successful import of a published file into the register: what was read and what it
    changed. The subject of the import's audit event ("schools.register.imported")."""

    kind = models.CharField(max_length=30, choices=RegisterImportKind.choices, db_index=True)
    # Which of the known layouts of that kind of file was read (e.g. "gias_all_establishment_data").
    layout = models.CharField(max_length=60, blank=True)
    file_name = models.CharField(max_length=255)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    row_count = models.PositiveIntegerField(default=0)
    # created / updated / unchanged ... as printed by the command.
    counts = models.JSONField(default=dict, blank=True)
    # URNs of the schools whose state changed in ways people follow (closed, new inspection outcome).
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} import of {self.file_name}"


class Postcode(models.Model):
    """A postcode's grid point, from the optional postcode file (the ONS Postcode Directory, loaded
    by `import_postcodes`: docs/postcodes.md). Without it, searches near a postcode use the centre
    of its sector or district, from the register's own schools (postcode_places.py)."""

    # As published in the file's "pcds" column: outward code, one space, inward code ("LS6 3QS").
    postcode = models.CharField(max_length=8, unique=True)
    easting = models.PositiveIntegerField()
    northing = models.PositiveIntegerField()

    def __str__(self):
        return self.postcode
