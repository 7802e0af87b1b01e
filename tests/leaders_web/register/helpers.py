"""Helpers for the register's page tests: the demo region, its representative signed in."""

from bs4 import BeautifulSoup

from demo.region import build_demo_region
from domain.accounts.models import User
from tests.conftest import sign_in

REPRESENTATIVE = "regional.lead@demo.test"

# The demo's designations (demo/region.py, demo/leaders.py and demo/designation_reviews.py), all in
# Yorkshire and the Humber: Alex holds two (LLE and NLG), the others one each.
DEMO_LEADERS = {
    "Alex Fernleigh",
    "Drew Hollinsworth",
    "Jamie Oakroyd",
    "Taylor Whitcliffe",
    "Riley Ashworth",
    "Sasha Hebden",
    "Avery Marsden",
}
DEMO_DESIGNATIONS = len(DEMO_LEADERS) + 1


def demo_representative(client) -> User:
    """Builds the demo region and signs its regional representative in (second factor given)."""
    build_demo_region()
    user = User.objects.get(email=REPRESENTATIVE)
    sign_in(client, user)
    return user


def leaders_listed(response) -> list[str]:
    """The leaders' names in the register's table, in order."""
    soup = BeautifulSoup(response.content, "html.parser")
    names = []
    for cell in soup.select("tbody th[scope=row] a"):
        hidden = cell.select_one(".govuk-visually-hidden")
        if hidden:
            hidden.extract()
        names.append(cell.get_text(strip=True))
    return names


def table_rows(response) -> list[list[str]]:
    soup = BeautifulSoup(response.content, "html.parser")
    rows = []
    for tr in soup.select("tbody tr"):
        for hidden in tr.select(".govuk-visually-hidden"):
            hidden.extract()
        rows.append([cell.get_text(" ", strip=True) for cell in tr.find_all(["th", "td"])])
    return rows
