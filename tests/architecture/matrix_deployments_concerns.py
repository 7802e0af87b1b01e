"""URL x role matrix rows for the deployment pages of concerns and reviews (merged into
test_url_matrix.MATRIX). See matrix_deployments.py for world["deployment"] and the helpers row,
seen_by_parties, managed.

The demo's concern (demo.deployments_reviews) was raised by the system leader and has not been
escalated: the leader, the coordinator and the representative see it; the client, the commissioner
(not escalated) and the panel member get 404, as if it did not exist. The alliance's steps on it
answer 403 to the leader, who sees it but may not escalate or resolve it.

Concerns are raised by the leader, the client and the alliance (the commissioner: 403). Reviews are
recorded by the leader and the alliance (the client and the commissioner: 403) and read by every
party."""

import datetime as dt

from domain.accounts.roles import Role

from .matrix_deployments import ANON, MANAGERS, row, seen_by_parties

CONCERN_SUMMARY = "Release time for the pupil premium lead keeps being cancelled"


def _concern_page() -> dict:
    return row(404, **{Role.SYSTEM_LEADER: 200, Role.TSA_COORDINATOR: 200, Role.REGIONAL_REPRESENTATIVE: 200})


def _concern_step() -> dict:
    return row(404, **{Role.SYSTEM_LEADER: 403, **dict.fromkeys(MANAGERS, 200)})


ROWS: dict = {
    "deployments:concern-raise": row(
        404,
        **dict.fromkeys((Role.SYSTEM_LEADER, Role.SCHOOL_CONTACT, *MANAGERS), 200),
        **{Role.COMMISSIONER: 403},
    ),
    "deployments:concern-detail": _concern_page(),
    "deployments:concern-escalate": _concern_step(),
    "deployments:concern-resolve": _concern_step(),
    "deployments:review-record": row(
        404,
        **dict.fromkeys((Role.SYSTEM_LEADER, *MANAGERS), 200),
        **dict.fromkeys((Role.SCHOOL_CONTACT, Role.COMMISSIONER), 403),
    ),
    "deployments:review-detail": seen_by_parties(),
}
assert all(r[ANON] == 302 for r in ROWS.values())


def _review(deployment):
    """The demo's mid-deployment review when the demo contract was agreed; otherwise one made here,
    so that the page has something to show."""
    from domain.deployments.models import Review, ReviewKind

    review = Review.objects.filter(deployment=deployment).first()
    if review is None:
        review = Review.objects.create(
            deployment=deployment,
            kind=ReviewKind.MID,
            held_on=deployment.starts_on + dt.timedelta(days=1),
            summary="A review for the matrix",
        )
    return review


def kwargs(world) -> dict:
    from domain.deployments.models import Concern

    deployment = world["deployment"]
    concern = Concern.objects.get(deployment=deployment, summary=CONCERN_SUMMARY)
    on_concern = {"deployment_id": deployment.pk, "concern_id": concern.pk}
    return {
        "deployments:concern-raise": {"deployment_id": deployment.pk},
        "deployments:concern-detail": on_concern,
        "deployments:concern-escalate": on_concern,
        "deployments:concern-resolve": on_concern,
        # The final review: the demo never records it, so the page is the form for everyone who may.
        "deployments:review-record": {"deployment_id": deployment.pk, "kind": "final"},
        "deployments:review-detail": {"deployment_id": deployment.pk, "review_id": _review(deployment).pk},
    }
