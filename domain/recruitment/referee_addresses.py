"""The rules on referees' and the chair of governors' e-mail addresses (ADR 18), free of the
database: which address is refused outright, and what the coordinator is told when checking one.

The applicant names the people who vouch for them (seed 000: "references will be requested"; the
leader must "have the support of your school's governing body / trust board"), so an address they
give may be one they control. Two rules answer that:
- refused outright: the applicant's own mailbox under any spelling (case, a "+tag", Gmail's dots),
  and one address given for two people of the same application;
- everything else waits for the alliance's coordinator, who checks the person and the address
  before the link is sent; `warnings_for` tells them what looks wrong."""

from urllib.parse import urlsplit

from django.db import models

# Public mail services: anyone can open a mailbox there under any name, so an address at one of
# them says nothing about who holds it.
PUBLIC_MAIL_DOMAINS = frozenset(
    {
        "aol.co.uk",
        "aol.com",
        "btinternet.com",
        "gmail.com",
        "gmx.co.uk",
        "gmx.com",
        "googlemail.com",
        "hotmail.co.uk",
        "hotmail.com",
        "icloud.com",
        "live.co.uk",
        "live.com",
        "mac.com",
        "mail.com",
        "me.com",
        "msn.com",
        "ntlworld.com",
        "outlook.com",
        "proton.me",
        "protonmail.com",
        "sky.com",
        "talktalk.net",
        "virginmedia.com",
        "yahoo.co.uk",
        "yahoo.com",
        "ymail.com",
    }
)
# Services that ignore dots in the local part: j.o.smith@ and josmith@ are one mailbox.
DOTLESS_DOMAINS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}


class ConfirmedHow(models.TextChoices):
    """How the coordinator checked the address (recorded with the confirmation)."""

    DOMAIN = "domain", "The address is at the person's school or organisation's own domain"
    PHONE = "phone", "I phoned the person on a number I found myself, and they confirmed the address"
    KNOWN = "known", "I know the person, and this is their address"
    OTHER = "other", "Another way"
    # Not offered on the page: the coordinator typed the address themselves (replacing a person).
    ENTERED = "entered", "Given by the coordinator"


CHOSEN_HOW = [c for c in ConfirmedHow if c != ConfirmedHow.ENTERED]


def domain_of(email: str) -> str:
    return email.rpartition("@")[2].strip().lower()


def mailbox(email: str) -> str:
    """The mailbox an address delivers to: lower case, without a "+tag", and for Gmail without
    dots and with googlemail.com as gmail.com."""
    local, _, domain = (email or "").strip().lower().rpartition("@")
    local = local.split("+", 1)[0]
    if domain in DOTLESS_DOMAINS:
        local, domain = local.replace(".", ""), DOTLESS_DOMAINS[domain]
    return f"{local}@{domain}"


def website_domain(website: str) -> str:
    """The domain of a school's website as the register holds it ("www.oak.sch.uk",
    "http://oak.sch.uk/about"), without "www."; empty when there is none."""
    text = (website or "").strip().lower()
    if not text:
        return ""
    host = urlsplit(text if "//" in text else f"//{text}").hostname or ""
    return host.removeprefix("www.")


def at_domain(email: str, domain: str) -> bool:
    """The address is at `domain` or one of its subdomains."""
    own = domain_of(email)
    return bool(domain) and (own == domain or own.endswith(f".{domain}"))


def refusal_for(email: str, *, applicant_email: str, by_applicant: bool, others: dict[str, str]) -> str:
    """Why the address cannot be used, or "" when it may go to the coordinator's check. `others`
    maps the addresses already given for this application's open or answered requests to the
    person's name."""
    if mailbox(email) == mailbox(applicant_email):
        whose = "your own" if by_applicant else "the applicant's own"
        return f"That is {whose} email address: give the person's own work address"
    for other, name in others.items():
        if mailbox(other) == mailbox(email):
            return f"{email} is already given for {name}: each person needs their own address"
    return ""


def warnings_for(email: str, *, applicant_email: str) -> list[str]:
    """What the coordinator should look at before confirming the address."""
    domain = domain_of(email)
    warnings = []
    if domain in PUBLIC_MAIL_DOMAINS:
        warnings.append(
            f"This is a personal address at a public mail service ({domain}), which anyone can open "
            "in any name: check it with the person by phone"
        )
    elif domain == domain_of(applicant_email):
        warnings.append(
            f"This address is at the same domain as the applicant's own ({domain}): check that the "
            "domain belongs to a school or organisation, not to the applicant"
        )
    return warnings
