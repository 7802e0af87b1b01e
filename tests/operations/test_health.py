"""The health check (GET /healthz): 200 while the database answers, 503 when it does not; cheap,
and it starts no session."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def test_the_health_check_answers_ok_with_one_trivial_query(client):
    queries, response = count_queries(lambda: client.get("/healthz"))
    assert reverse("public:health") == "/healthz"
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert queries == 1
    assert "no-cache" in response.headers["Cache-Control"]
    assert "Set-Cookie" not in response.headers and not response.cookies


def test_the_health_check_answers_503_when_the_database_does_not_answer(client, caplog):
    broken = mock.MagicMock()
    broken.__enter__.return_value.execute.side_effect = OperationalError("connection refused")
    with mock.patch("web.public.health.connection") as connection:
        connection.cursor.return_value = broken
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "not answering"}
    assert "the database did not answer" in caplog.text


def test_the_health_check_takes_only_get_and_head(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405
