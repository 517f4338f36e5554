"""/health/live, /health/ready and /health/dependencies: what a load balancer and monitoring read,
never cached, nothing revealed."""

import pytest


def test_live_answers_without_the_database(client):
    """No db fixture: pytest-django fails the test if anything touches the database."""
    response = client.get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_live_runs_no_query(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/health/live").status_code == 200


@pytest.mark.parametrize("path", ["/health/ready", "/health/dependencies"])
def test_ready_and_dependencies_check_the_database_and_the_cache(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    # Only statuses: no versions, host names or error messages.
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
    assert "no-store" in response["Cache-Control"]


def test_an_instance_whose_cache_is_unreachable_stays_ready_and_monitoring_is_told(
    client, db, unreachable_cache
):
    """It still serves pages, from the database: a load balancer must not pull it."""
    ready = client.get("/health/ready")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ok", "checks": {"database": "ok", "cache": "unavailable"}}
    dependencies = client.get("/health/dependencies")
    assert dependencies.status_code == 503
    assert dependencies.json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "cache": "unavailable"},
    }
    assert "127.0.0.1" not in ready.content.decode() + dependencies.content.decode()


def test_health_only_answers_reads(client, db):
    assert client.post("/health/ready").status_code == 405
    assert client.post("/health/dependencies").status_code == 405
