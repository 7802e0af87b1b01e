"""A former applicant of the demo region, made through the services: Peregrine Quillfeather (a
synthetic name) has a role at Goldthorpe Junior School, applied to the Aire Valley round, wrote
about themselves in the first section and withdrew. Used by the erasure tests and the browser
journey, which then look for the name and e-mail address everywhere."""

from domain.accounts import services as accounts
from domain.accounts.roles import Role
from domain.organisations.models import Organisation
from domain.recruitment import services as recruitment
from domain.recruitment.models import RecruitmentRound

NAME = "Peregrine Quillfeather"
EMAIL = "peregrine.quillfeather@applicant.test"


def a_former_applicant():
    """Needs the demo region (demo.region.build_demo_region)."""
    person = accounts.user_create(actor=None, email=EMAIL, full_name=NAME, password="not-a-real-password-42")
    school = Organisation.objects.get(name="Goldthorpe Junior School")
    accounts.membership_add(actor=None, user=person, organisation=school, role=Role.SCHOOL_CONTACT)
    round_ = RecruitmentRound.objects.get(title="Aire Valley local leaders of education")
    application = recruitment.application_start(actor=person, round_=round_, school=school.school)
    recruitment.application_save_draft(
        actor=person,
        application=application,
        answers={"headship": {"answer": f"I am {NAME}, deputy head for four years", "evidence": ""}},
    )
    recruitment.application_withdraw(
        actor=person, application=application, reason=f"{NAME} is moving to a post outside the region"
    )
    return person


def places_naming(*needles: str, limit_per_field: int = 5) -> list[str]:
    """Every text and JSON column of every table that holds one of the needles (any case):
    "app_label.Model.field #pk". One query for each such column."""
    from django.apps import apps
    from django.db.models import CharField, JSONField, Q, TextField

    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, CharField | TextField | JSONField):
                continue
            query = Q()
            for needle in needles:
                query |= Q(**{f"{field.name}__icontains": needle})
            for pk in model._default_manager.filter(query).values_list("pk", flat=True)[:limit_per_field]:
                found.append(f"{model._meta.label}.{field.name} #{pk}")
    return found
