"""The applicant's employment history: add, change and remove a post of a draft application, and
the facts the criteria engine reads from the posts (seed 000, Criteria: "at least 3 years of
experience as a serving headteacher (including any period as acting head or head of school)";
seed 004 §11: the NLE routes read the person's current post and the schools they led).

Each service runs in one transaction and writes its audit event."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from domain.audit.services import audit_record
from domain.designation.criteria import facts_from_school
from domain.designation.criteria.facts import ROLE_LABELS, Post, SchoolFacts
from domain.schools.models import School

from .application_form import ApplicationForm
from .models import Application, EmploymentPost
from .services import RecruitmentRefused
from .workflows import ApplicationStatus


def _date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _locked_draft(actor, application: Application) -> Application:
    if getattr(actor, "pk", None) != application.applicant_id:
        raise RecruitmentRefused("Only the applicant can change their application")
    locked = (
        Application.objects.select_for_update(of=("self",)).select_related("round__organisation").get(pk=application.pk)
    )
    if locked.status != ApplicationStatus.DRAFT:
        raise RecruitmentRefused(
            "Your application has been submitted, so it can no longer be changed. "
            "Contact the alliance or hub running the round if something needs correcting"
        )
    return locked


def _clean(*, role, school, start, end) -> tuple[str, School, dt.date, dt.date | None]:
    """The post as given, or RecruitmentRefused saying what to put right."""
    if role not in ROLE_LABELS:
        raise RecruitmentRefused("Choose the post from the list")
    if not isinstance(school, School) or school.pk is None:
        raise RecruitmentRefused("Choose the school from the register: search by its name, URN or postcode")
    if not isinstance(start, dt.date):
        raise RecruitmentRefused("Enter the date you started in the post")
    today = timezone.localdate()
    if start > today:
        raise RecruitmentRefused("The date you started must be today or in the past")
    if end is not None:
        if not isinstance(end, dt.date):
            raise RecruitmentRefused("Enter the date the post ended, or say you are still in post")
        if end < start:
            raise RecruitmentRefused(f"The date the post ended must be on or after the day it started ({_date(start)})")
        if end > today:
            raise RecruitmentRefused(
                "The date the post ended must be today or in the past: if you are still in post, say so"
            )
    return role, school, start, end


def _record(actor, locked: Application, action: str, post: EmploymentPost):
    audit_record(
        actor=actor,
        action=action,
        subject=locked,
        organisation=locked.round.organisation,
        data={
            "post_id": post.pk,
            "role": post.role,
            "school_urn": post.school.urn if post.school_id else None,
            "start": post.start.isoformat(),
            "end": post.end.isoformat() if post.end else None,
        },
    )


def _touch(locked: Application):
    Application.objects.filter(pk=locked.pk).update(updated_at=timezone.now())


@transaction.atomic
def employment_post_add(
    *, actor, application: Application, role: str, school, start: dt.date, end: dt.date | None
) -> EmploymentPost:
    """Adds a post to the applicant's draft: its role, school, start and end (None: still in post)."""
    locked = _locked_draft(actor, application)
    role, school, start, end = _clean(role=role, school=school, start=start, end=end)
    post = EmploymentPost.objects.create(application=locked, role=role, school=school, start=start, end=end)
    _touch(locked)
    _record(actor, locked, "recruitment.application.post_added", post)
    return post


@transaction.atomic
def employment_post_change(
    *, actor, post: EmploymentPost, role: str, school, start: dt.date, end: dt.date | None
) -> EmploymentPost:
    locked = _locked_draft(actor, post.application)
    role, school, start, end = _clean(role=role, school=school, start=start, end=end)
    EmploymentPost.objects.filter(pk=post.pk, application=locked).update(role=role, school=school, start=start, end=end)
    post.role, post.school, post.start, post.end = role, school, start, end
    _touch(locked)
    _record(actor, locked, "recruitment.application.post_changed", post)
    return post


@transaction.atomic
def employment_post_remove(*, actor, post: EmploymentPost) -> None:
    locked = _locked_draft(actor, post.application)
    _record(actor, locked, "recruitment.application.post_removed", post)
    EmploymentPost.objects.filter(pk=post.pk, application=locked).delete()
    _touch(locked)


# The facts read from the posts ------------------------------------------------------------------


def _sponsored_academy(school: School) -> bool:
    """The register's type "Academy sponsor led" (GIAS) is a sponsored academy (seed 004 §11 iii:
    "moving at least one sponsored academy out of RI")."""
    return "sponsor led" in (school.type_name or "").lower()


def posts_facts(
    application: Application, form: ApplicationForm
) -> tuple[tuple[Post, ...] | None, str, tuple[SchoolFacts, ...]]:
    """(posts, the current post, the schools of the posts) for the criteria engine.

    No posts given: None (the criteria read from posts need evidence, as before posts were
    asked). The current post is the one held now that the form prefers (an NLG who is also a
    deputy head is checked as a chair), else the latest started. The schools of the posts held
    now count as schools the person is accountable for (seed 000: "have accountability for one or
    more school(s)"); those of past posts are given for the routes that read the schools led
    (seed 004 §11 i), not as accountable."""
    posts = list(EmploymentPost.objects.filter(application=application).select_related("school"))
    if not posts:
        return None, "", ()
    facts_posts = tuple(
        Post(role=p.role, start=p.start, end=p.end, school_urn=p.school.urn if p.school_id else None) for p in posts
    )
    current = [p for p in posts if p.end is None]
    preferred = [p for role in form.preferred_posts for p in current if p.role == role]
    latest = sorted(current, key=lambda p: (p.start, p.pk), reverse=True)
    chosen = (preferred or latest or [None])[0]
    schools: dict[int, SchoolFacts] = {}
    for post in sorted(posts, key=lambda p: p.end is None):  # current posts last: they win
        if post.school_id is None:
            continue
        schools[post.school_id] = facts_from_school(
            post.school, accountable=post.end is None, sponsored_academy=_sponsored_academy(post.school)
        )
    return facts_posts, chosen.role if chosen else "", tuple(schools.values())
