"""A protected route accepts the pool's access tokens and nothing else."""
import pytest

from tests.helpers import whoami_client


@pytest.fixture
def whoami(app):
    return whoami_client(app)


def test_an_access_token_identifies_the_user(whoami, auth, unique):
    response = whoami.get("/_whoami", headers=auth.headers(f"{unique}@example.com"))
    assert response.status_code == 200
    assert response.get_json()["user_id"]


@pytest.mark.parametrize("header", [None, "Bearer", "Basic abc", "Bearer not.a.jwt"])
def test_anything_else_is_401(whoami, header):
    headers = {"Authorization": header} if header else {}
    response = whoami.get("/_whoami", headers=headers)
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"


def test_an_id_token_is_not_an_access_token(whoami, auth, unique):
    id_token = auth.tokens(f"{unique}@example.com")["IdToken"]
    response = whoami.get("/_whoami", headers={"Authorization": f"Bearer {id_token}"})
    assert response.status_code == 401
