"""The URL x role matrix, POSTed: every URL whose view accepts POST.

- The roles allowed to make the change (by default those its page answers 200, or 405 for a view
  that only takes POST; POST_ROWS may say otherwise) succeed: the answer is a redirect to a named
  page, or a page without an error, and the database has changed. The data sent is what the
  page's own form asks for, filled in as a person would (matrix_forms.form_data), or the row's
  own data in POST_ROWS.
- Every other role, as the owner's person, as the same role in another alliance of the region and
  in another region, and signed out, is refused (403, 404 or to the sign-in page) and NOTHING
  changes (matrix_forms.fingerprint: every table's rows, taken again after a POST only when it ran
  a statement that writes: matrix_forms.writes_recorded).

Each allowed role's POST runs in a savepoint rolled back after it, so each starts from the same
world."""

import pytest
from django.db import transaction
from django.urls import reverse

from domain.accounts.roles import Role
from tests.architecture.matrix_forms import (
    accepts_post,
    changed_tables,
    errors_on,
    fingerprint,
    form_data,
    writes_recorded,
)
from tests.architecture.matrix_perspectives import REDIRECTS, SIGN_IN, answered, asked, names_a_record, status_for
from tests.architecture.matrix_post_rows import POLICY_ONLY, POST_ROWS, WITHOUT_A_200
from tests.architecture.matrix_world import OTHER_ALLIANCE, OWNER, client_with
from tests.architecture.test_url_matrix import ANON, MATRIX, url_kwargs
from tests.urls import all_url_patterns

# One xdist worker runs this module (--dist loadgroup), building its world once.
pytestmark = [pytest.mark.xdist_group("url-matrix-post"), pytest.mark.matrix]

POSTED = sorted({name for name, pattern in all_url_patterns() if name and accepts_post(pattern.callback)})
REFUSED = (403, 404, 410, f"302 {SIGN_IN}")


def allowed_roles(url_name) -> tuple:
    spec = POST_ROWS.get(url_name, {})
    if "allowed" in spec:
        return tuple(spec["allowed"])
    return tuple(role for role, status in MATRIX[url_name].items() if status == 200 or (status == 405 and role != ANON))


def is_refused(url_name, row, kwargs, perspective, role, allowed) -> bool:
    """Whether the person must be refused the POST: the owner's roles not allowed; from another
    organisation, whoever the page refuses (403, 404, to sign in), and on a POST-only URL naming a
    record, everyone but the same region's representative. Others (a list, a form to create, a
    published event) may use it for their own and are not asked here."""
    if perspective == OWNER:
        return role not in allowed
    get = status_for(url_name, row, kwargs, perspective, role)
    if get in (403, 404):
        return True
    if get == 405 and names_a_record(kwargs):
        return not (perspective == OTHER_ALLIANCE and role == Role.REGIONAL_REPRESENTATIVE and role in allowed)
    return False


def declared_redirect(url_name, role):
    """Where the page sends the role instead (REDIRECTS): a POST sent there too is refused."""
    target = REDIRECTS.get(url_name, {}).get(role)
    return f"302 {target}" if target else None


def data_for(url_name, world, client, url, role) -> dict:
    spec = POST_ROWS.get(url_name, {})
    if role in spec.get("data_by_role", {}):
        data = spec["data_by_role"][role]
        return data(world) if callable(data) else data
    if "data" in spec:
        return spec["data"](world) if callable(spec["data"]) else spec["data"]
    page = client.get(url)
    found = form_data(page.content.decode(), url) if page.status_code == 200 else None
    extra = spec.get("extra", {})
    return {**(found or {}), **(extra(world) if callable(extra) else extra)}


def test_every_url_that_takes_post_is_posted():
    """A view that handles POST is in the matrix (so test_every_url_is_in_the_matrix covers it)."""
    assert POSTED and set(POSTED) <= set(MATRIX)


@pytest.mark.parametrize("url_name", POSTED)
def test_others_posting_are_refused_and_nothing_changes(url_name, shared_world, db):
    kwargs = url_kwargs(shared_world).get(url_name)
    url = reverse(url_name, kwargs=kwargs)
    row, allowed = MATRIX[url_name], allowed_roles(url_name)
    wrong = {}
    before = fingerprint()
    for perspective, role in asked(row):
        if not is_refused(url_name, row, kwargs, perspective, role, allowed):
            continue
        session = shared_world["sessions"].get(perspective, {}).get(role)
        with writes_recorded() as writes:
            answer = answered(client_with(session).post(url, POST_ROWS.get(url_name, {}).get("refused_data", {})), url)
        after = fingerprint() if writes else before
        changed = changed_tables(before, after)
        before = after  # the next refusal is compared with the database as this one left it
        if answer not in (*REFUSED, declared_redirect(url_name, role)) or changed:
            wrong[f"{role}, {perspective}"] = f"answered {answer}, changed {changed}"
    assert wrong == {}, f"POST {url}: {wrong}"


@pytest.mark.parametrize("url_name", POSTED)
def test_allowed_roles_posting_make_the_change(url_name, shared_world, db):
    kwargs = url_kwargs(shared_world).get(url_name)
    url = reverse(url_name, kwargs=kwargs)
    wrong = {}
    for role in allowed_roles(url_name):
        session = shared_world["sessions"][OWNER].get(role)
        with transaction.atomic():
            client = client_with(session)
            data = data_for(url_name, shared_world, client, url, role)
            before = fingerprint()
            response = client.post(url, data)
            answer = answered(response, url)
            changed = changed_tables(before, fingerprint())
            transaction.set_rollback(True)
        if url_name in POLICY_ONLY:
            if answer in (403, 404, 405) or answer == f"302 {SIGN_IN}":
                wrong[role] = f"refused: {answer}"
            continue
        errors = errors_on(response.content.decode()) if response.status_code == 200 else ""
        expected = POST_ROWS.get(url_name, {}).get("answer", {}).get(role)
        succeeded = (answer == expected) if expected else (str(answer).startswith("302 ") or answer == 200)
        if not succeeded or errors or not (changed or POST_ROWS.get(url_name, {}).get("may_change_nothing")):
            wrong[role] = f"answered {answer}, errors {errors!r}, changed {changed}, sent {data}"
    assert wrong == {}, f"POST {url}: {wrong}"


def gives_a_200(url_name) -> bool:
    """Some role gets the page (200), or, for a view that only takes POST, makes its change."""
    if 200 in MATRIX[url_name].values():
        return True
    return url_name in POSTED and bool(allowed_roles(url_name)) and url_name not in POLICY_ONLY


def test_every_row_gives_some_role_a_200():
    """A row where every role is refused or sent elsewhere proves nothing about who may use the
    page: it needs a real record (matrix_world). WITHOUT_A_200 lists the exceptions with reasons."""
    without = sorted(name for name in MATRIX if not gives_a_200(name) and name not in WITHOUT_A_200)
    assert without == [], f"give some role a 200 (a real record in matrix_world): {without}"
    stale = sorted(name for name in WITHOUT_A_200 if name not in MATRIX or gives_a_200(name))
    assert stale == [], f"these rows give a 200 now: take them out of WITHOUT_A_200: {stale}"
