"""`zappa package dev` builds a zip whose handler runs with nothing but the zip.

Slow (it builds .venv-package): select with `-m package`, deselect with `-m "not package"`.
"""

import json
import os
import re
import subprocess
import sys
import zipfile

import pytest

from .hcl import ROOT
from .test_render_settings import SETTINGS, outputs
from .zappa_calls import NOT_REACHED, calls_in_source, recorded

pytestmark = pytest.mark.package

GLIBC_MAX = (2, 26)  # Amazon Linux 2, under the python3.11 Lambda runtime
LEGACY_MANYLINUX = {"manylinux1": (2, 5), "manylinux2010": (2, 12), "manylinux2014": (2, 17)}
ZIP_LIMIT = 50 * 1024 * 1024  # Lambda's direct-upload limit; deploy.sh uploads the zip directly

INVOKE = """
import json, sys
root, event = sys.argv[1], json.loads(sys.argv[2])
sys.path[:] = [root] + [p for p in sys.path if p and "site-packages" not in p]

class Context:
    function_name = "kefir-dev"
    aws_request_id = "test-request"
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:kefir-dev"
    memory_limit_in_mb = 512
    def get_remaining_time_in_millis(self):
        return 30000

import handler
print("RESULT " + json.dumps(handler.lambda_handler(event, Context()), default=str))
"""

HEALTH_EVENT = {
    "resource": "/{proxy+}",
    "path": "/health",
    "httpMethod": "GET",
    "headers": {"Host": "abc123.execute-api.us-east-1.amazonaws.com", "Accept": "application/json"},
    "multiValueHeaders": {
        "Host": ["abc123.execute-api.us-east-1.amazonaws.com"],
        "Accept": ["application/json"],
    },
    "queryStringParameters": None,
    "multiValueQueryStringParameters": None,
    "pathParameters": {"proxy": "health"},
    "stageVariables": None,
    "requestContext": {
        "resourcePath": "/{proxy+}",
        "httpMethod": "GET",
        "path": "/dev/health",
        "stage": "dev",
        "requestId": "test-request",
        "accountId": "123456789012",
        "apiId": "abc123",
        "identity": {"sourceIp": "203.0.113.9", "userAgent": "pytest"},
    },
    "body": None,
    "isBase64Encoded": False,
}

SCHEDULED_EVENT = {
    "version": "0",
    "id": "test-event",
    "detail-type": "Scheduled Event",
    "source": "aws.events",
    "account": "123456789012",
    "time": "2026-11-25T08:30:00Z",
    "region": "us-east-1",
    "resources": [
        "arn:aws:events:us-east-1:123456789012:rule/kefir-dev-kefir.jobs.reminders.run_scheduled"
    ],
    "detail": {},
}


@pytest.fixture(scope="module")
def package():
    for needed in ("kefir/wsgi.py", "requirements.txt"):
        if not (ROOT / needed).exists():
            pytest.skip(f"{needed} does not exist yet")
    # A developer's .env must never ship: build with one present (planted if missing).
    planted = not (ROOT / ".env").exists()
    if planted:
        (ROOT / ".env").write_text("KEFIR_CANARY=must-not-ship\n")
    try:
        build = subprocess.run(
            ["scripts/package.sh", "dev"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=900,
            env={**os.environ, "PYTHON": sys.executable},
        )
    finally:
        if planted:
            (ROOT / ".env").unlink()
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    return ROOT / "dist" / "kefir-dev.zip"


@pytest.fixture(scope="module")
def unpacked(package, tmp_path_factory):
    target = tmp_path_factory.mktemp("lambda")
    with zipfile.ZipFile(package) as archive:
        archive.extractall(target)
    return target


@pytest.fixture(scope="module")
def emulator():
    """Every AWS call of the packaged app goes to a local moto server, never to AWS."""
    server_module = pytest.importorskip(
        "moto.server", reason="moto stands in for AWS in the handler run"
    )
    import boto3

    server = server_module.ThreadedMotoServer(ip_address="127.0.0.1", port=0)
    server.start()
    host, port = server.get_host_and_port()
    url = f"http://{host}:{port}"
    session = boto3.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1"
    )
    from .hcl import resource

    table = resource("data", "aws_dynamodb_table")
    (index,) = table["global_secondary_index"]
    session.client("dynamodb", endpoint_url=url).create_table(
        TableName="kefir-dev-table",
        BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[
            {"AttributeName": a["name"], "AttributeType": a["type"]} for a in table["attribute"]
        ],
        KeySchema=[
            {"AttributeName": "PK", "KeyType": "HASH"},
            {"AttributeName": "SK", "KeyType": "RANGE"},
        ],
        GlobalSecondaryIndexes=[
            {
                "IndexName": index["name"],
                "KeySchema": [
                    {"AttributeName": "GSI1PK", "KeyType": "HASH"},
                    {"AttributeName": "GSI1SK", "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "ALL"},
            }
        ],
    )
    secrets = session.client("secretsmanager", endpoint_url=url)
    secrets.create_secret(Name="kefir-dev-signing-key", SecretString="k" * 64)
    secrets.create_secret(Name="kefir-dev-expo-access-token", SecretString="expo-test-token")
    yield url
    server.stop()


def invoke(unpacked, emulator, event) -> dict:
    from render_zappa_settings import render

    variables = render(
        SETTINGS, "dev", outputs("dev"), "https://abc123.execute-api.us-east-1.amazonaws.com/dev"
    )
    environment = {
        "PATH": os.environ["PATH"],
        "HOME": str(unpacked),
        "LANG": "C.UTF-8",
        "AWS_LAMBDA_FUNCTION_NAME": "kefir-dev",
        "AWS_REGION": "us-east-1",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_ENDPOINT_URL": emulator,
        # Anything else that tries the network fails here instead of leaving the machine.
        "HTTPS_PROXY": "http://127.0.0.1:9",
        "HTTP_PROXY": "http://127.0.0.1:9",
        "NO_PROXY": "127.0.0.1,localhost",
        **variables["dev"]["aws_environment_variables"],
    }
    run = subprocess.run(
        [sys.executable, "-S", "-I", "-c", INVOKE, str(unpacked), json.dumps(event)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=unpacked,
    )
    results = [line for line in run.stdout.splitlines() if line.startswith("RESULT ")]
    assert run.returncode == 0 and results, run.stdout[-3000:] + run.stderr[-3000:]
    return json.loads(results[-1][len("RESULT ") :])


def test_health_through_api_gateway(unpacked, emulator):
    answer = invoke(unpacked, emulator, HEALTH_EVENT)
    assert answer["statusCode"] == 200, answer
    assert json.loads(answer["body"])["status"] == "ok"


def test_scheduled_reminder_run(unpacked, emulator):
    if not (ROOT / "kefir" / "jobs" / "reminders.py").exists():
        pytest.skip("kefir/jobs/reminders.py (the reminder processor) does not exist yet")
    invoke(unpacked, emulator, SCHEDULED_EVENT)


def test_zip_holds_the_app_and_no_dev_tooling(package):
    names = zipfile.ZipFile(package).namelist()
    tops = {name.split("/")[0] for name in names}
    assert {"handler.py", "zappa_settings.py", "kefir", "zappa", "boto3", "botocore"} <= tops
    # Profiles' time zones resolve from the tz database we ship, whatever the image holds.
    assert "tzdata/zoneinfo/Europe/Berlin" in names
    forbidden = {
        "tests",
        "terraform",
        "troposphere",
        "pip",
        "setuptools",
        "pytest",
        "_pytest",
        "moto",
        "checkov",
        "docs",
        "scripts",
        "tools",
        "Makefile",
        "setup.cfg",
        "pyproject.toml",
        "package.json",
        ".hypothesis",
        ".importlinter",
    }
    assert not tops & forbidden
    assert not any(top.startswith((".venv", ".ruff")) or top.endswith(".egg-info") for top in tops)
    assert package.stat().st_size < ZIP_LIMIT


def test_no_env_file_ships(package):
    names = zipfile.ZipFile(package).namelist()
    assert [n for n in names if n.rsplit("/", 1)[-1].startswith(".env")] == []


def test_baked_settings_are_safe(unpacked):
    baked = (unpacked / "zappa_settings.py").read_text()
    assert "DEBUG=False" in baked
    assert "LOG_LEVEL='INFO'" in baked
    assert "ENVIRONMENT_VARIABLES={'AWS_REGION': 'us-east-1'}" in baked


def glibc_needed(tag: str) -> tuple[int, int] | None:
    """The glibc a wheel's platform tag requires, or None for a pure wheel."""
    platform = tag.split("-")[-1]
    if platform == "any":
        return None
    for legacy, version in LEGACY_MANYLINUX.items():
        if platform.startswith(legacy + "_"):
            return version
    match = re.match(r"manylinux_(\d+)_(\d+)_", platform)
    assert match, f"{tag} is not a manylinux wheel"
    return int(match.group(1)), int(match.group(2))


def test_native_extensions_load_on_the_lambda_glibc(unpacked):
    native = {path.relative_to(unpacked).as_posix() for path in unpacked.rglob("*.so")}
    covered = set()
    for wheel in unpacked.glob("*.dist-info/WHEEL"):
        record = (wheel.parent / "RECORD").read_text()
        shipped = {
            line.split(",")[0] for line in record.splitlines() if line.split(",")[0].endswith(".so")
        }
        if not shipped:
            continue
        covered |= shipped
        tags = [
            line.split(":", 1)[1].strip()
            for line in wheel.read_text().splitlines()
            if line.startswith("Tag:")
        ]
        # A wheel tagged for several platforms loads on any of them: the oldest glibc counts.
        needed = min(glibc_needed(tag) or (0, 0) for tag in tags)
        assert needed <= GLIBC_MAX, f"{wheel.parent.name} ({', '.join(tags)}) needs glibc {needed}"
    assert native <= covered, f"compiled files from no wheel: {sorted(native - covered)}"


VERIFY_FROM_ZIP = """
import json, sys
root, token, key = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
sys.path[:] = [root] + [p for p in sys.path if p and "site-packages" not in p]
from kefir.errors import Unauthorized
from kefir.identity.tokens import _check_signature
_check_signature(token, key)
try:
    _check_signature(token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB"), key)
    print("TAMPERED ACCEPTED")
except Unauthorized:
    pass
print("CRYPTOGRAPHY", "cryptography" in sys.modules)
"""


def test_tokens_verify_from_the_zip_without_cryptography(unpacked):
    # zappa_settings.json leaves cryptography (and cffi) out: 4.5 MB zipped that only
    # python-jose would import, which then verifies RS256 with its pure-Python backend.
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from jose import jwk, jwt

    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    token = jwt.encode({"sub": "u1"}, pem, algorithm="RS256", headers={"kid": "k1"})
    public = jwk.construct(pem, "RS256").public_key().to_dict()
    run = subprocess.run(
        [sys.executable, "-S", "-I", "-c", VERIFY_FROM_ZIP, str(unpacked), token,
         json.dumps(public)], capture_output=True, text=True, timeout=60, cwd=unpacked)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "TAMPERED ACCEPTED" not in run.stdout
    assert "CRYPTOGRAPHY False" in run.stdout
    assert not list(unpacked.glob("cryptography*"))


def test_every_aws_call_of_zappas_deploy_is_recorded(unpacked):
    """tests/infra/zappa_calls.py lists what the deploy role is checked against; it must be
    the whole of what the packaged Zappa's deploy, update, schedule and unschedule can call."""
    in_source = calls_in_source(unpacked / "zappa")
    assert len(in_source) > 50, "the walk through Zappa's source found too little"
    listed = recorded()
    unrecorded = {c for c in in_source if c not in listed and c[0] not in NOT_REACHED}
    gone = {c for c in listed if c[1] != "*" and c not in in_source}
    assert not unrecorded, f"Zappa calls these and zappa_calls.py does not say so: {unrecorded}"
    assert not gone, f"zappa_calls.py lists calls Zappa no longer makes: {gone}"

