"""URL x role matrix rows for the deployment pages of visits (merged into test_url_matrix.MATRIX).
See matrix_deployments.py for world["deployment"] and the helpers row, seen_by_parties, managed.

The visit pages use the demo's visit planned in ten days (demo.deployments_visits), which exists
whether or not the contract is agreed: its note is not shared, so the client's contact and the
commissioner get 404 from it (a note is theirs to read only once shared); the alliance reads it
(200) but only the leader writes it (403). The demo has no request for more days: a made-up one is
not found by the alliance, and the other parties may not decide at all (403)."""

from domain.accounts.roles import Role

from .matrix_deployments import MANAGERS, managed, row, seen_by_parties

LEADER, CLIENT, COMMISSIONER = Role.SYSTEM_LEADER, Role.SCHOOL_CONTACT, Role.COMMISSIONER


def leader_and_managers(*, others=403, managers=200) -> dict:
    """The leader and the alliance may (200); the client and the commissioner get `others`."""
    return row(404, **{LEADER: 200, CLIENT: others, COMMISSIONER: others}, **dict.fromkeys(MANAGERS, managers))


ROWS: dict = {
    "deployments:visit-list": seen_by_parties(),
    "deployments:visit-plan": leader_and_managers(),
    "deployments:visit-record": leader_and_managers(managers=403),
    "deployments:visit": leader_and_managers(others=404),
    "deployments:visit-note": leader_and_managers(others=404, managers=403),
    "deployments:visit-cancel": leader_and_managers(others=404),
    "deployments:variation-request": leader_and_managers(),
    "deployments:variation-decide": managed(),
}


def kwargs(world) -> dict:
    from domain.deployments.models import Visit

    deployment = world["deployment"].pk
    planned = Visit.objects.filter(deployment_id=deployment, status="planned").order_by("-visited_on").first()
    visit = {"deployment_id": deployment, "visit_id": planned.pk}
    on_deployment = {"deployment_id": deployment}
    return {
        "deployments:visit-list": on_deployment,
        "deployments:visit-plan": on_deployment,
        "deployments:visit-record": on_deployment,
        "deployments:visit": visit,
        "deployments:visit-note": visit,
        "deployments:visit-cancel": visit,
        "deployments:variation-request": on_deployment,
        # matrix_world_records: more days asked for on the deployment whose contract is proposed.
        "deployments:variation-decide": {
            "deployment_id": world["proposed_deployment"].pk,
            "variation_id": world["variation"].pk,
        },
    }
