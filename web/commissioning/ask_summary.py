"""The check-answers page's summary: one row a question, in the order of the pages, each with the
page that changes it."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from domain.commissioning.models import Funding, NlgPackage, Pattern, ReferrerKind
from domain.designation.models import DesignationRole
from domain.designation.specialisms import PHASES, specialism_label
from web.common.formatting import govuk_date

from .ask_steps import PUBLIC, Answers

CONSENT = "The school agrees to share this request with the alliance or hub, its panel and the leaders it considers"


def _label(choices, value) -> str:
    return dict(choices).get(value, "")


def _days(answers: Answers) -> str:
    days = answers.draft.get("days") or ""
    pattern = _label(Pattern.choices, answers.draft.get("pattern")).lower()
    unit = "day" if days in ("1", "1.0") else "days"
    return f"{days} {unit}, {pattern}" if pattern else f"{days} {unit}"


def _window(answers: Answers) -> str:
    values = answers.values()
    starts, ends = values["window_starts"], values["window_ends"]
    if starts is None or ends is None:
        return ""
    return f"From {govuk_date(starts)} to {govuk_date(ends)}"


def rows(answers: Answers, *, referrer_organisation=None) -> list[dict]:
    """(key, value text or html, the page's slug) for each question answered on an applying page."""
    draft, school = answers.draft, answers.school
    found = []
    for step in answers.steps():
        slug = step.slug
        if slug == "school":
            found.append(("School", f"{school.display_name} (URN {school.urn})" if school else "", slug))
            if answers.register_phase:
                found.append(("Phase", _label(PHASES, answers.register_phase) + " (from the register)", None))
        elif slug == "phase":
            found.append(("Phase", _label(PHASES, draft.get("phase")), slug))
        elif slug == "asking":
            kind = _label(ReferrerKind.choices, draft.get("referrer_kind"))
            as_school = draft.get("referrer_kind") == ReferrerKind.CLIENT_SCHOOL
            who = f"{kind}, {referrer_organisation.name}" if referrer_organisation and not as_school else kind
            found.append(("Who is asking", who, slug))
        elif slug == "needs":
            labels = [specialism_label(code) for code in draft.get("needs") or []]
            html = format_html(
                '<ul class="govuk-list">{}</ul>', format_html_join("", "<li>{}</li>", ((label,) for label in labels))
            )
            found.append(("Areas of support", html, slug))
        elif slug == "leader":
            found.append(("Kind of system leader", _label(DesignationRole.choices, draft.get("role_sought")), slug))
        elif slug == "description":
            found.append(("Description", draft.get("description") or "", slug))
        elif slug == "days":
            found.append(("Days", _days(answers), slug))
        elif slug == "window":
            found.append(("When", _window(answers), slug))
        elif slug == "funding":
            found.append(("Funding", _label(Funding.choices, draft.get("funding")), slug))
        elif slug == "package":
            found.append(("Support package", _label(NlgPackage.choices, draft.get("nlg_package")), slug))
        elif slug == "alliance":
            preferred = answers.preferred()
            text = preferred.name if preferred else "No preference: the one for the school’s area"
            found.append(("Alliance or hub", text, slug))
        elif slug == "consent":
            agreed = draft.get("consent_to_share") is True
            text = CONSENT
            found.append(("Consent to share", text if agreed else "Not given", slug))
        elif slug == "contact":
            contact = answers.contact()
            found.append(("Your name", contact["contact_name"], slug))
            found.append(("Your email address", contact["contact_email"], slug))
            found.append(("Your role at the school", contact["contact_role"], slug))
    return [
        {"key": key, "value": value, "html": isinstance(value, SafeString), "slug": slug} for key, value, slug in found
    ]


def sections(answers: Answers, **kwargs) -> list[tuple[str, list[dict]]]:
    """The rows under the page's headings."""
    found = rows(answers, **kwargs)
    about_you = {"Your name", "Your email address", "Your role at the school"}
    school = {"School", "Phase", "Who is asking"}
    time = {"Days", "When", "Funding"}
    arranging = {"Alliance or hub", "Consent to share"}
    groups = [
        ("The school and who is asking" if answers.route != PUBLIC else "Your school", school),
        ("The support the school needs", None),
        ("Time and funding", time),
        ("Who arranges the support", arranging),
    ]
    if answers.route == PUBLIC:
        groups.append(("About you", about_you))
    taken = school | time | arranging | about_you
    result = []
    for heading, keys in groups:
        chosen = [row for row in found if (row["key"] in keys if keys else row["key"] not in taken)]
        if chosen:
            result.append((heading, chosen))
    return result
