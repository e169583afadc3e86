"""Running a packaged Zappa handler the way Lambda does: a fresh interpreter that sees only
the unzipped package (no site-packages), imports `handler` and answers one API Gateway
event. It times the import plus the first /health request inside that process."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

FIRST_REQUEST = """
import json, sys, time
started = time.perf_counter()
sys.path[:] = [sys.argv[1]] + [p for p in sys.path if p and "site-packages" not in p]
import handler
answer = handler.lambda_handler(json.loads(sys.argv[2]), None)
elapsed = time.perf_counter() - started
assert answer["statusCode"] == 200, answer
print("ELAPSED", elapsed)
"""

HEALTH_EVENT = {
    "resource": "/{proxy+}", "path": "/health", "httpMethod": "GET",
    "headers": {"Host": "abc123.execute-api.us-east-1.amazonaws.com"},
    "multiValueHeaders": {"Host": ["abc123.execute-api.us-east-1.amazonaws.com"]},
    "queryStringParameters": None, "multiValueQueryStringParameters": None,
    "pathParameters": {"proxy": "health"}, "stageVariables": None,
    "requestContext": {"resourcePath": "/{proxy+}", "httpMethod": "GET", "path": "/dev/health",
                       "stage": "dev", "requestId": "bench", "accountId": "123456789012",
                       "apiId": "abc123", "identity": {"sourceIp": "203.0.113.9"}},
    "body": None, "isBase64Encoded": False,
}

# A dev stage's settings; /health touches no AWS service, and anything that tried the
# network would hit a closed loopback port instead of leaving the machine.
STAGE_ENVIRONMENT = {
    "KEFIR_STAGE": "dev", "KEFIR_TABLE": "kefir-dev-table",
    "KEFIR_PHOTO_BUCKET": "kefir-dev-photos", "KEFIR_USER_POOL_ID": "us-east-1_bench",
    "KEFIR_USER_POOL_CLIENT_ID": "bench", "KEFIR_SIGNING_KEY_SECRET": "kefir-dev-signing-key",
    "KEFIR_EXPO_TOKEN_SECRET": "kefir-dev-expo-access-token",
    "KEFIR_PUBLIC_BASE_URL": "https://abc123.execute-api.us-east-1.amazonaws.com/dev",
}


def unzip(package: Path, target: Path) -> Path:
    with zipfile.ZipFile(package) as archive:
        archive.extractall(target)
    return target


def first_request(root: Path, *python_flags: str) -> subprocess.CompletedProcess:
    """One fresh process: import the handler and answer GET /health."""
    environment = {
        "PATH": os.environ["PATH"], "HOME": str(root), "LANG": "C.UTF-8",
        "AWS_LAMBDA_FUNCTION_NAME": "kefir-dev", "AWS_REGION": "us-east-1",
        "AWS_DEFAULT_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "bench",
        "AWS_SECRET_ACCESS_KEY": "bench", "AWS_ENDPOINT_URL": "http://127.0.0.1:9",
        "HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9",
        **STAGE_ENVIRONMENT,
    }
    run = subprocess.run(
        [sys.executable, "-S", "-I", "-B", *python_flags, "-c", FIRST_REQUEST, str(root),
         json.dumps(HEALTH_EVENT)],
        env=environment, capture_output=True, text=True, timeout=120, cwd=root)
    if run.returncode != 0:
        raise RuntimeError(f"the handler in {root} failed:\n{run.stdout[-2000:]}"
                           f"{run.stderr[-2000:]}")
    return run


def elapsed(run: subprocess.CompletedProcess) -> float:
    line = next(x for x in run.stdout.splitlines() if x.startswith("ELAPSED "))
    return float(line.split()[1])
