"""URL x role matrix rows for the register pages (merged into test_url_matrix.MATRIX)."""

ROWS: dict = {}


def kwargs(world) -> dict:
    return {}
