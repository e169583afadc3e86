"""Every kind of bad bearer token is a 401 in the error shape, never a 500.

Forged tokens are signed with the emulator's own private key (moto's resources), so a
token differs from a valid one only in the property under test; a control case shows the
forging itself yields an accepted token.
"""
import base64
import gzip
import hashlib
import hmac
import json
import time
import uuid
from importlib import resources

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jose import jwk, jwt

from tests.helpers import whoami_client

EMULATOR_KEY = json.loads(gzip.decompress(
    (resources.files("moto") / "cognitoidp/resources/jwks-private.json.gz").read_bytes()))


@pytest.fixture(scope="module")
def protected(local_settings):
    # One app for the module: building one re-runs local mode's boot (about half a second).
    from kefir import create_app
    return whoami_client(create_app(local_settings))


@pytest.fixture(scope="module")
def real(bare_wiring):
    # One user for the whole module: every case derives its token from these.
    from tests.helpers import Auth
    return Auth(bare_wiring).tokens(f"{uuid.uuid4().hex}@example.com")


@pytest.fixture
def claims(real):
    return jwt.get_unverified_claims(real["AccessToken"])


def sign(claims, key=EMULATOR_KEY, headers=None, algorithm="RS256"):
    return jwt.encode(claims, key, algorithm=algorithm,
                      headers={"kid": "dummy"} if headers is None else headers)


def b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def call(client, token):
    return client.get("/_whoami", headers={"Authorization": f"Bearer {token}"})


def assert_401(response):
    assert response.status_code == 401, response.get_data(as_text=True)
    body = response.get_json()
    assert set(body) == {"error"} and body["error"]["code"] == "unauthorized"
    assert body["error"]["message"] and body["error"]["details"] == {}


def test_control_a_forged_copy_of_valid_claims_is_accepted(protected, claims):
    response = call(protected, sign(claims))
    assert response.status_code == 200 and response.get_json()["user_id"] == claims["sub"]


def test_the_real_token_is_accepted(protected, real, claims):
    assert call(protected, real["AccessToken"]).get_json()["user_id"] == claims["sub"]


def test_no_token(protected):
    assert_401(protected.get("/_whoami"))


@pytest.mark.parametrize("token", ["abc", "a.b.c", "a.b", "....", "%%%.%%%.%%%",
                                   "eyJhbGciOiJSUzI1NiJ9.e30.", "é.é.é"])
def test_malformed_tokens(protected, token):
    assert_401(call(protected, token))


def test_bad_base64_in_the_signature(protected, real):
    header, payload, _ = real["AccessToken"].split(".")
    assert_401(call(protected, f"{header}.{payload}.!!not*base64!!"))


def test_alg_none(protected, claims):
    assert_401(call(protected, f"{b64({'alg': 'none', 'kid': 'dummy'})}.{b64(claims)}."))


def test_hs256_signed_with_the_public_key(protected, claims):
    public = {k: EMULATOR_KEY[k] for k in ("kty", "n", "e")}
    pem = jwk.construct({**public, "alg": "RS256"}).to_pem()
    header = b64({"alg": "HS256", "kid": "dummy", "typ": "JWT"})
    body = b64(claims)
    signature = base64.urlsafe_b64encode(
        hmac.new(pem, f"{header}.{body}".encode(), hashlib.sha256).digest()).rstrip(b"=")
    assert_401(call(protected, f"{header}.{body}.{signature.decode()}"))


def test_unknown_kid(protected, claims):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    assert_401(call(protected, sign(claims, pem, headers={"kid": "attacker"})))


def test_the_emulator_key_under_an_unknown_kid(protected, claims):
    assert_401(call(protected, sign(claims, headers={"kid": "not-in-the-jwks"})))


def test_no_kid(protected, claims):
    assert_401(call(protected, sign(claims, headers={})))


def test_tampered_payload(protected, real, claims):
    header, _, signature = real["AccessToken"].split(".")
    assert_401(call(protected, f"{header}.{b64({**claims, 'sub': 'someone-else'})}.{signature}"))


def test_expired_by_one_second(protected, claims):
    assert_401(call(protected, sign({**claims, "exp": int(time.time()) - 1})))


@pytest.mark.parametrize("claim", ["exp", "sub", "iss", "token_use", "client_id"])
def test_a_missing_claim(protected, claims, claim):
    assert_401(call(protected, sign({k: v for k, v in claims.items() if k != claim})))


@pytest.mark.parametrize("exp", ["9999999999", None, True, [1]])
def test_an_exp_that_is_not_a_number(protected, claims, exp):
    assert_401(call(protected, sign({**claims, "exp": exp})))


def test_wrong_issuer(protected, claims):
    issuer = claims["iss"].rsplit("/", 1)[0] + "/us-east-1_SomeoneElse"
    assert_401(call(protected, sign({**claims, "iss": issuer})))


def test_wrong_client(protected, claims):
    assert_401(call(protected, sign({**claims, "client_id": "another-app-client"})))


def test_an_id_token_used_as_an_access_token(protected, real):
    assert_401(call(protected, real["IdToken"]))


def test_an_id_token_claiming_our_client_as_client_id(protected, real):
    forged = {**jwt.get_unverified_claims(real["IdToken"])}
    forged["client_id"] = forged["aud"]
    assert_401(call(protected, sign(forged)))
