"""/health/live and /health/ready: what a load balancer reads, never cached, nothing revealed."""


def test_live_answers_without_the_database(client):
    """No db fixture: pytest-django fails the test if anything touches the database."""
    response = client.get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_ready_checks_the_database_and_the_cache(client, db):
    response = client.get("/health/ready")
    assert response.status_code == 200
    # Only statuses: no versions, host names or error messages.
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
    assert "no-store" in response["Cache-Control"]


def test_ready_fails_when_the_cache_is_unreachable(client, db, unreachable_cache):
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "cache": "unavailable"},
    }
    assert "127.0.0.1" not in response.content.decode()


def test_health_only_answers_reads(client, db):
    assert client.post("/health/ready").status_code == 405
