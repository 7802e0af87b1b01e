"""URL x role matrix rows for the applicant's employment history, specialisms and route (merged
into test_url_matrix.MATRIX; issue 14). The demo's draft (the system leader's, an SLE
application) has one post, its headship (demo.region): only its applicant reaches its pages,
everyone else gets 404. An SLE is asked specialisms but not a route (NLE), so the route page
answers 404 to everyone on the demo's draft; tests/recruitment_web/test_post_pages.py reaches it
on an NLE draft."""

from domain.accounts.roles import Role
from domain.recruitment.models import EmploymentPost

ANON = "signed out"


def _applicant_only(status=200) -> dict:
    return {**dict.fromkeys(Role.values, 404), Role.SYSTEM_LEADER: status, ANON: 302}


ROWS: dict = {
    "recruitment:application-posts": _applicant_only(),
    "recruitment:application-post-add": _applicant_only(),
    "recruitment:application-post-change": _applicant_only(),
    "recruitment:application-post-remove": _applicant_only(),
    "recruitment:application-specialisms": _applicant_only(),
    "recruitment:application-route": _applicant_only(404),
}


def kwargs(world) -> dict:
    application = world["application"]
    post = EmploymentPost.objects.filter(application=application).first()
    by_application = {"application_id": application.pk}
    return {
        "recruitment:application-posts": by_application,
        "recruitment:application-post-add": by_application,
        "recruitment:application-post-change": {**by_application, "post_id": post.pk},
        "recruitment:application-post-remove": {**by_application, "post_id": post.pk},
        "recruitment:application-specialisms": by_application,
        "recruitment:application-route": by_application,
    }
