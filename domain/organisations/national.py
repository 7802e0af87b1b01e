"""Organisations every installation has: each region's regional body and the commissioners
that refer schools and fund support (DESIGN.md, actors: regional director / RSC office, DfE,
Ofsted HMI)."""

from .models import Organisation, OrganisationKind, Region


def regional_body_name(region_name: str) -> str:
    return f"{region_name} regional board"


def ensure_national_organisations(*, organisation_model=Organisation, region_model=Region) -> int:
    """Creates whatever is missing; returns how many it created. Safe to run again."""
    created = 0
    national = [
        ("DFE", "Department for Education", None),
        ("OFSTED", "Ofsted", None),
    ]
    for region in region_model.objects.all():
        national.append((f"RD-{region.code}", f"Regional director's office, {region.name}", region))
    for code, name, region in national:
        _, new = organisation_model.objects.get_or_create(
            kind=OrganisationKind.COMMISSIONER, code=code, defaults={"name": name, "region": region}
        )
        created += new
    for region in region_model.objects.all():
        _, new = organisation_model.objects.get_or_create(
            kind=OrganisationKind.REGIONAL_BODY,
            code=f"RB-{region.code}",
            defaults={"name": regional_body_name(region.name), "region": region},
        )
        created += new
    return created


def ensure_department(*, organisation_model=Organisation) -> Organisation:
    """The Department for Education as the national body that decides NLE and NLG designations
    (seed 004 §14; seed 003): the organisation its officials hold their role in. Safe to run again."""
    department, _ = organisation_model.objects.get_or_create(
        kind=OrganisationKind.DEPARTMENT, code="DFE", defaults={"name": "Department for Education"}
    )
    return department
