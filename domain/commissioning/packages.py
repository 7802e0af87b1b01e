"""The NLG support packages of seed 003 ("Support available to maintained schools" / "... to
trusts") and who is eligible for them."""

from dataclasses import dataclass
from decimal import Decimal

from domain.leaders.models.availability import days_text

from .models import NlgPackage

# Seed 003: "A progress review, within 4 months of the initial report is included."
PROGRESS_REVIEW_MONTHS = 4


@dataclass(frozen=True)
class Package:
    code: str
    days: Decimal  # the days of support
    extra_days: Decimal  # "up to 5 days of additional support" for trusts
    for_trust: bool


PACKAGES = {
    NlgPackage.MAINTAINED: Package(NlgPackage.MAINTAINED, Decimal(3), Decimal(0), for_trust=False),
    NlgPackage.TRUST: Package(NlgPackage.TRUST, Decimal(5), Decimal(0), for_trust=True),
    NlgPackage.TRUST_EXTENDED: Package(NlgPackage.TRUST_EXTENDED, Decimal(5), Decimal(5), for_trust=True),
}


def is_academy(school) -> bool:
    """Academies and free schools belong to a trust; the rest are maintained (by the register's type)."""
    kind = (school.type_name or "").lower()
    return bool(school.trust_code) or "academy" in kind or "free school" in kind


def package_problem(code: str, *, school, client_trust, days: Decimal | None) -> str | None:
    """Why the package does not fit the request, or None. Seed 003's eligibility: "trusts that are
    eligible for the Trust and School Improvement Offer" and "maintained schools that have a current
    single RI Ofsted judgement, with RI in Leadership and Management"; the days of each package.
    The register knows the overall judgement, not the leadership one: the alliance checks that.
    `days` None (not known yet) checks everything but the package's days; `school` None (not
    chosen yet) everything but the school's eligibility."""
    package = PACKAGES.get(code)
    if package is None:
        return "Choose a support package for a national leader of governance"
    if package.for_trust and client_trust is None:
        return "Choose the trust: this package is for a trust's board"
    if not package.for_trust and school is not None:
        if client_trust is not None or is_academy(school):
            return "The 3-day package is for maintained schools; an academy's trust asks for a trust package"
        if school.ofsted_grade != 3:
            return (  # seed 003
                "The 3-day package is for maintained schools whose current Ofsted judgement is requires improvement"
            )
    most = package.days + package.extra_days
    if days is not None and days > most:
        return f"This package gives at most {days_text(most)} days of support"
    return None


def packages_for(school, *, trust) -> list[str]:
    """The packages the school (or, for a trust package, its `trust`) is eligible for, by
    package_problem's rules; none when the school is not known."""
    if school is None:
        return []
    return [
        code
        for code, package in PACKAGES.items()
        if package_problem(code, school=school, client_trust=trust if package.for_trust else None, days=None) is None
    ]
