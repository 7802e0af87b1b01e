"""What time a system leader can give: days offered per school term, periods they are unavailable,
and days committed to deployments (DESIGN.md capability 7 "availability and capacity"; invariant:
"A leader's committed days never exceed the capacity they declared without an explicit override")."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils import timezone


def days_text(value) -> str:
    """A number of days as people write it: 6, 2.5 (not 6.0)."""
    return "" if value is None else f"{value.normalize():f}"


def days_words(value, *, more: bool = False) -> str:
    """A number of days with its noun in the right form: "1 day", "2.5 days" (with `more`, "1 more
    day", "3 more days")."""
    noun = "day" if value == 1 else "days"
    return f"{days_text(value)} {'more ' if more else ''}{noun}"


class TermName(models.TextChoices):
    AUTUMN = "autumn", "Autumn"
    SPRING = "spring", "Spring"
    SUMMER = "summer", "Summer"


# The calendar months of each school term. Term dates differ by local authority; the service
# counts a term by these months so that every leader's days add up the same way.
_TERM_OF_MONTH = {9: "autumn", 10: "autumn", 11: "autumn", 12: "autumn", 1: "spring", 2: "spring", 3: "spring"}
_ORDER = ("autumn", "spring", "summer")


@dataclass(frozen=True, order=True)
class Term:
    """A school term: `year` is the calendar year the academic year starts (2026 for 2026 to 2027)."""

    year: int
    index: int  # 0 autumn, 1 spring, 2 summer

    @classmethod
    def of(cls, name_year: int, name: str) -> "Term":
        return cls(name_year, _ORDER.index(name))

    @classmethod
    def containing(cls, day: dt.date) -> "Term":
        name = _TERM_OF_MONTH.get(day.month, "summer")
        year = day.year if day.month >= 9 else day.year - 1
        return cls.of(year, name)

    @classmethod
    def parse(cls, key: str) -> "Term":
        """'2026-autumn' -> Term(2026, 0); ValueError when it is not a term."""
        year, _, name = key.partition("-")
        if not year.isdigit() or name not in _ORDER:
            raise ValueError(f"{key!r} is not a term")
        return cls.of(int(year), name)

    @property
    def name(self) -> str:
        return _ORDER[self.index]

    @property
    def key(self) -> str:
        return f"{self.year}-{self.name}"

    @property
    def label(self) -> str:
        return f"{self.name.capitalize()} term {self.year} to {self.year + 1}"

    @property
    def starts_on(self) -> dt.date:
        return {0: dt.date(self.year, 9, 1), 1: dt.date(self.year + 1, 1, 1), 2: dt.date(self.year + 1, 4, 1)}[
            self.index
        ]

    @property
    def ends_on(self) -> dt.date:
        return {0: dt.date(self.year, 12, 31), 1: dt.date(self.year + 1, 3, 31), 2: dt.date(self.year + 1, 8, 31)}[
            self.index
        ]

    def next(self) -> "Term":
        return Term(self.year + 1, 0) if self.index == 2 else Term(self.year, self.index + 1)

    def following(self, count: int) -> list["Term"]:
        """This term and the `count - 1` after it."""
        terms = [self]
        while len(terms) < count:
            terms.append(terms[-1].next())
        return terms


class TermAvailability(models.Model):
    """The days a leader offers in one term."""

    leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="term_availability")
    academic_year = models.PositiveSmallIntegerField()
    term = models.CharField(max_length=10, choices=TermName.choices)
    days_offered = models.DecimalField(max_digits=5, decimal_places=1)
    note = models.CharField(max_length=500, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["leader", "academic_year", "term"]
        constraints = [
            models.UniqueConstraint(fields=["leader", "academic_year", "term"], name="one_offer_per_leader_and_term"),
            models.CheckConstraint(condition=models.Q(days_offered__gte=0), name="days_offered_not_negative"),
        ]

    def __str__(self):
        return f"{self.leader}: {self.days_offered} days in {self.term_of.label}"

    @property
    def term_of(self) -> Term:
        return Term.of(self.academic_year, self.term)


class UnavailablePeriod(models.Model):
    """Dates when the leader cannot take on support (their own school's inspection, leave, ...).
    The reason is for the leader and their alliance only."""

    leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="unavailable_periods")
    starts_on = models.DateField()
    ends_on = models.DateField()
    reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["leader", "starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="unavailable_ends_after_it_starts"
            )
        ]

    def __str__(self):
        return f"{self.leader} unavailable {self.starts_on} to {self.ends_on}"


class Commitment(models.Model):
    """Days of a term the leader has committed, to a deployment or other agreed work. The
    deployments issue writes these through availability.commitment_add; `reference` names what
    they are for ("deployment:12"). Released commitments stay on the record."""

    leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="commitments")
    academic_year = models.PositiveSmallIntegerField()
    term = models.CharField(max_length=10, choices=TermName.choices)
    days = models.DecimalField(max_digits=5, decimal_places=1)
    purpose = models.CharField(max_length=300)
    reference = models.CharField(max_length=100, blank=True, db_index=True)
    # Set when the commitment took the leader past the days they offered: who allowed it and why.
    override_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["leader", "academic_year", "term", "id"]
        indexes = [models.Index(fields=["leader", "academic_year", "term"])]
        constraints = [models.CheckConstraint(condition=models.Q(days__gt=0), name="commitment_days_positive")]

    def __str__(self):
        return f"{self.leader}: {self.days} days for {self.purpose}"

    @property
    def term_of(self) -> Term:
        return Term.of(self.academic_year, self.term)
