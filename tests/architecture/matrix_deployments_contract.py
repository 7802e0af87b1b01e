"""URL x role matrix rows for the deployment pages of contract (merged into test_url_matrix.MATRIX).
See matrix_deployments.py for world["deployment"] and the helpers row, seen_by_parties, managed.

The demo's contract (demo.deployments_contract) has one version, agreed by every party, and no
draft: so the pages that only make sense for a draft (the terms, the impact measures, sending it,
withdrawing it) send the alliance back to the contract page (302), and "Change the contract" (a
new version) answers 200. Agreeing is a POST from the version's page: a GET goes back to that page
(302) for whoever may read it. The PDF is of the agreed version 1."""

from tests.architecture.matrix_deployments import managed, seen_by_parties

ROWS: dict = {
    "deployments:contract": seen_by_parties(),
    "deployments:contract-version": seen_by_parties(),
    "deployments:contract-agree": seen_by_parties(302),
    "deployments:contract-pdf": seen_by_parties(),
    "deployments:contract-terms": managed(),
    "deployments:contract-measure-add": managed(),
    "deployments:contract-measure-change": managed(),
    "deployments:contract-measure-remove": managed(),
    "deployments:contract-propose": managed(),
    "deployments:contract-change": managed(),
    "deployments:contract-withdraw": managed(),
}


def kwargs(world) -> dict:
    deployment = world["deployment"].pk
    by_deployment = {"deployment_id": deployment}
    version = {"deployment_id": deployment, "number": 1}
    # matrix_world_records: a deployment whose contract is a draft, and one whose contract is proposed.
    draft = {"deployment_id": world["draft_deployment"].pk}
    measured = {"deployment_id": world["draft_deployment"].pk, "measure_id": world["draft_measure"].pk}
    proposed = {"deployment_id": world["proposed_deployment"].pk}
    return {
        "deployments:contract": by_deployment,
        "deployments:contract-version": version,
        "deployments:contract-agree": {**proposed, "number": 1},
        "deployments:contract-pdf": version,
        "deployments:contract-terms": draft,
        "deployments:contract-measure-add": draft,
        "deployments:contract-measure-change": measured,
        "deployments:contract-measure-remove": measured,
        "deployments:contract-propose": draft,
        "deployments:contract-change": by_deployment,
        "deployments:contract-withdraw": proposed,
    }
