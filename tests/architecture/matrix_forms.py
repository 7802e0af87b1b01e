"""Helpers for POSTing every state-changing URL of the matrix (test_url_matrix_post.py): which views
accept POST, a cheap fingerprint of the database to show that nothing changed, and the data a
page's own form asks for (filled in as a person would: what is already there kept, the first
choice chosen, every box ticked, a plain answer typed)."""

import datetime as dt
import hashlib
import inspect
import re
from contextlib import contextmanager

from bs4 import BeautifulSoup
from django.db import connection
from django.utils import timezone

# Tables a request may write without changing anything a person did: the session (signing in and
# out); and of the audit trail, only the security events (a refused request is logged:
# domain/audit/security_events.py, ADR 17).
NOT_FINGERPRINTED = {"django_session"}
ONLY_ROWS = {"audit_auditevent": "WHERE action NOT LIKE 'security.%%'"}


def accepts_post(callback) -> bool:
    """Whether the view behind a URL handles POST (by its source: it reads request.POST or its
    class has a post method)."""
    view = inspect.unwrap(callback)
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        return hasattr(view_class, "post")
    try:
        return "POST" in inspect.getsource(view)
    except (OSError, TypeError):
        return False


def fingerprint() -> dict:
    """{table: (row count, hash of every row)} for every table but NOT_FINGERPRINTED."""
    prints = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table in NOT_FINGERPRINTED:
                continue
            where = ONLY_ROWS.get(table, "")
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} {where}")  # noqa: S608 (our own tables)
            rows = sorted(repr(row) for row in cursor.fetchall())
            prints[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest()[:12])
    return prints


WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+"?(\w+)"?', re.IGNORECASE)


def _may_change(sql: str, params) -> bool:
    """Whether a statement may change what fingerprint() reads: any INSERT, UPDATE or DELETE but
    on the session, or a security event added to the audit trail."""
    write = WRITE.match(sql)
    if write is None:
        return False
    table = write.group(1)
    if table in NOT_FINGERPRINTED:
        return False
    rows = params if isinstance(params, list | tuple) else [params]
    values = [v for row in rows for v in (row if isinstance(row, list | tuple) else [row])]
    return not (table == "audit_auditevent" and any(isinstance(v, str) and v.startswith("security.") for v in values))


@contextmanager
def writes_recorded():
    """Records the statements run meanwhile that may have changed a fingerprinted table. None
    recorded means nothing changed, so the fingerprint need not be taken again (most refusals
    write nothing: fingerprint() reads the whole database)."""
    writes = []

    def record(execute, sql, params, many, context):
        if _may_change(sql, params):
            writes.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield writes


# Text fields that take a number (days or hours of support, places).
NUMBERS = {"days", "hours", "capacity", "extra_days", "fee"}


def changed_tables(before, after) -> list[str]:
    return sorted(table for table in before.keys() | after.keys() if before.get(table) != after.get(table))


def _form(soup, url):
    forms = [f for f in soup.find_all("form") if (f.get("method") or "get").lower() == "post"]
    for form in forms:
        action = form.get("action") or url
        if action.split("?")[0] in ("", url):
            return form
    return None


def _date_part(name, value):
    """Today, for the parts of a GOV.UK date input left empty (frozen clock: 22 November 2026)."""
    today = timezone.localdate()
    part = name.rsplit("-", 1)[-1].rsplit("_", 1)[-1]
    return value or {"day": str(today.day), "month": str(today.month), "year": str(today.year)}.get(part)


def form_data(html, url, answer="An answer for the matrix") -> dict | None:
    """The data the page's POST form to `url` sends once filled in; None if there is no such form."""
    form = _form(BeautifulSoup(html, "html.parser"), url)
    if form is None:
        return None
    data: dict = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        kind = (field.get("type") or "text").lower()
        if field.name == "textarea":
            data[name] = field.get_text() or answer
        elif field.name == "select":
            options = [o for o in field.find_all("option") if o.get("value")]
            chosen = [o for o in options if o.has_attr("selected")] or options[:1]
            if chosen:
                data[name] = chosen[0]["value"]
        elif kind == "radio":
            if name not in data or field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif kind == "checkbox":
            data.setdefault(name, []).append(field.get("value", "on"))
        elif kind in ("submit", "button", "file", "image", "reset"):
            continue
        elif kind == "hidden":
            data[name] = field.get("value", "")
        elif name.endswith(("-day", "-month", "-year", "_day", "_month", "_year")):
            data[name] = _date_part(name, field.get("value"))
        elif name in NUMBERS:
            data[name] = field.get("value") or "1"
        elif name == "website":
            data[name] = field.get("value") or "www.example.org.uk"
        elif kind == "tel" or "phone" in name:
            data[name] = field.get("value") or "0113 496 0000"
        elif kind == "email" or "email" in name:
            data[name] = field.get("value") or "matrix.answer@matrix.test"
        elif kind == "number" or field.get("inputmode") == "numeric":
            data[name] = field.get("value") or "2"
        elif kind == "date":
            data[name] = field.get("value") or (timezone.localdate() + dt.timedelta(days=1)).isoformat()
        elif kind == "time":
            data[name] = field.get("value") or "10:00"
        else:
            data[name] = field.get("value") or answer
    return data


def errors_on(html) -> str:
    """The error summary's text, if the page shows one."""
    summary = BeautifulSoup(html, "html.parser").find(class_="govuk-error-summary")
    return " ".join(summary.get_text(" ").split()) if summary else ""
