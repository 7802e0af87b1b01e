"""Reading a person's home page as they see it: the tasks listed, each by its kind, with the page
it opens. One task's life is `created, shown, done, gone`: `goes_through` follows it."""

from bs4 import BeautifulSoup
from django.urls import reverse

from tests.conftest import sign_in


def tasks_on_home(client, user) -> dict[str, list[str]]:
    """Each kind of task on the person's home page, with the links it gives, in order."""
    page = BeautifulSoup(sign_in(client, user).get(reverse("portal:home")).content, "html.parser")
    shown: dict[str, list[str]] = {}
    for item in page.select("[data-testid=things-to-do] [data-task]"):
        shown.setdefault(item["data-task"], []).append(item.a["href"])
    return shown


def goes_through(client, user, code: str, *, opens: str, do) -> None:
    """The task of kind `code` is on the person's home page, opens `opens` (which answers them), and
    leaves the page once `do()` has done its work."""
    shown = tasks_on_home(client, user)
    assert shown.get(code) == [opens], shown
    assert client.get(opens).status_code == 200
    do()
    assert code not in tasks_on_home(client, user)
