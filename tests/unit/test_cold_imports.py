"""What a cold start imports: on Lambda every imported module is compiled on each cold
start (the package is read-only, so no bytecode is cached), so modules that only some
requests need are imported by those requests. Checked in a fresh interpreter."""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

COLD_START = """
import json, sys
from kefir import create_app
from kefir.config import Settings
settings = Settings(stage="dev", region="us-east-1", table_name="t", photo_bucket="b",
                    user_pool_id="us-east-1_x", user_pool_client_id="c",
                    signing_key_secret="s", expo_token_secret="e",
                    public_base_url="https://example.invalid")
answer = create_app(settings).test_client().get("/health")
assert answer.status_code == 200, answer.data
print(json.dumps(sorted(sys.modules)))
"""

LAZY = ("apispec", "flask_cognito", "cognitojwt", "jose", "requests")


def test_the_first_health_request_imports_only_what_it_needs():
    run = subprocess.run([sys.executable, "-c", COLD_START], cwd=ROOT, capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    loaded = {name.split(".")[0] for name in json.loads(run.stdout)}
    assert not loaded & set(LAZY)
