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
    "deployments:contract-terms": managed(302),
    "deployments:contract-measure-add": managed(302),
    "deployments:contract-measure-change": managed(302),
    "deployments:contract-measure-remove": managed(302),
    "deployments:contract-propose": managed(302),
    "deployments:contract-change": managed(),
    "deployments:contract-withdraw": managed(302),
}


def kwargs(world) -> dict:
    from domain.deployments.models import ImpactMeasure

    deployment = world["deployment"].pk
    measure = ImpactMeasure.objects.filter(contract__deployment_id=deployment).order_by("position").first()
    by_deployment = {"deployment_id": deployment}
    version = {"deployment_id": deployment, "number": 1}
    measured = {"deployment_id": deployment, "measure_id": measure.pk if measure else 0}
    return {
        "deployments:contract": by_deployment,
        "deployments:contract-version": version,
        "deployments:contract-agree": version,
        "deployments:contract-pdf": version,
        "deployments:contract-terms": by_deployment,
        "deployments:contract-measure-add": by_deployment,
        "deployments:contract-measure-change": measured,
        "deployments:contract-measure-remove": measured,
        "deployments:contract-propose": by_deployment,
        "deployments:contract-change": by_deployment,
        "deployments:contract-withdraw": by_deployment,
    }
