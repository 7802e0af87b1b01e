"""URL x role matrix rows for the deployment pages of invoices (merged into test_url_matrix.MATRIX).
See matrix_deployments.py for world["deployment"] and the helpers row, seen_by_parties, managed."""

ROWS: dict = {}


def kwargs(world) -> dict:
    return {}
