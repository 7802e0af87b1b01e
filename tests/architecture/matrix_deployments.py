"""URL x role matrix rows for the deployment pages (merged into test_url_matrix.MATRIX).

world["deployment"] is the demo's deployment (demo.deployments): the system leader (Alex) supports
the school contact's school, Goldthorpe Junior School, referred by the commissioner's local
authority and brokered by the coordinator's alliance (Aire), in the representative's region.

- The list is for everyone signed in (each sees their own deployments, or none).
- The deployment answers 404 to whoever is not a party to it and does not oversee it: the panel
  member. The leader, the client's contact, the commissioner, the coordinator and the
  representative see it.
- The alliance's steps answer 403 to the parties who may see the deployment but not take them."""

from domain.accounts.roles import Role

ANON = "signed out"

PARTIES = (Role.SYSTEM_LEADER, Role.SCHOOL_CONTACT, Role.COMMISSIONER)
MANAGERS = (Role.TSA_COORDINATOR, Role.REGIONAL_REPRESENTATIVE)


def row(default, **by_role) -> dict:
    return {**dict.fromkeys(Role.values, default), **by_role, ANON: 302}


def seen_by_parties(status=200) -> dict:
    """200 (or `status`) to every party and manager; 404 to everyone else."""
    return row(404, **dict.fromkeys((*PARTIES, *MANAGERS), status))


def managed(status=200) -> dict:
    """The alliance's own steps: managers get `status`, other parties 403, others 404."""
    return row(404, **dict.fromkeys(PARTIES, 403), **dict.fromkeys(MANAGERS, status))


ROWS: dict = {
    "deployments:list": row(200),
    "deployments:detail": seen_by_parties(),
    "deployments:end": managed(),
    "deployments:quality-lead": managed(),
}


def kwargs(world) -> dict:
    deployment = world["deployment"].pk
    return {
        "deployments:detail": {"deployment_id": deployment},
        "deployments:end": {"deployment_id": deployment},
        "deployments:quality-lead": {"deployment_id": deployment},
    }
