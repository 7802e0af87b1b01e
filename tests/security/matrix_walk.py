"""Walking the URL x role matrix (tests/architecture/test_url_matrix.py) for the security tests:
each URL with its arguments from the demo region, and the person who holds a role there."""

from django.urls import resolve, reverse

from demo.region import PEOPLE
from domain.accounts.models import User
from tests.architecture.test_url_matrix import MATRIX, url_kwargs


def person(role) -> User:
    return User.objects.get(email=next(p for p in PEOPLE if p.role == role).email)


def urls_answering(world, role, status=200) -> list[tuple[str, str]]:
    """(url name, path) of every URL the matrix says answers `status` to `role`."""
    arguments = url_kwargs(world)
    return [
        (name, reverse(name, kwargs=arguments.get(name)))
        for name, answers in sorted(MATRIX.items())
        if answers[role] == status
    ]


def view_of(path):
    return resolve(path).func
