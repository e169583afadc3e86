"""The two packages the cold-start and size figures compare, both built by `zappa package`:
ours with the project's own build (scripts/package.sh dev), and a hello-world Flask app
with Zappa's defaults, from a virtualenv filled the same way (scripts/lambda_venv.py) with
Flask at our pinned version and the same Zappa. Both are built on every run, so the
figures always describe the current code and settings (once per process: the size and
cold-start sections share the builds)."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HELLO = ROOT / "build" / "bench-hello"
ZAPPA = "zappa==0.63.0"  # scripts/package.sh's pin

HELLO_APP = '''from flask import Flask

app = Flask(__name__)


@app.get("/health")
def health():
    return {"status": "ok"}
'''
# What `zappa init` writes for a Flask app, offline: no precompiled-package lookup (our
# package sets the same), no AWS profile or bucket needed to package.
HELLO_SETTINGS = {"dev": {"app_function": "hello.app", "project_name": "hello",
                          "runtime": "python3.11", "aws_region": "us-east-1",
                          "s3_bucket": "hello-zappa-bench", "use_precompiled_packages": False}}


@cache
def ours() -> Path:
    """dist/kefir-dev.zip, rebuilt."""
    _run(["scripts/package.sh", "dev"], cwd=ROOT)
    return ROOT / "dist" / "kefir-dev.zip"


@cache
def hello_world() -> Path:
    """build/bench-hello/hello.zip, rebuilt (its virtualenv is kept between runs)."""
    HELLO.mkdir(parents=True, exist_ok=True)
    (HELLO / "hello.py").write_text(HELLO_APP)
    (HELLO / "zappa_settings.json").write_text(json.dumps(HELLO_SETTINGS, indent=2))
    flask = _pinned("flask")
    (HELLO / "requirements.txt").write_text(f"{flask}\n")
    venv = HELLO / ".venv"
    stamp = f"{flask} {ZAPPA}"
    if (venv / ".lock").exists() and (venv / ".lock").read_text() == stamp:
        pass
    else:
        shutil.rmtree(venv, ignore_errors=True)
        _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=HELLO)
        _run([sys.executable, str(ROOT / "scripts" / "lambda_venv.py"),
              str(venv / "lib" / "python3.11" / "site-packages"), "requirements.txt", ZAPPA],
             cwd=HELLO)
        (venv / ".lock").write_text(stamp)
    target = HELLO / "hello.zip"
    target.unlink(missing_ok=True)
    _run([str(venv / "bin" / "python"), "-m", "zappa.cli", "package", "dev", "-o", target.name],
         cwd=HELLO, env={"VIRTUAL_ENV": str(venv)})
    return target


def _pinned(name: str) -> str:
    lock = (ROOT / "requirements.txt").read_text()
    match = re.search(rf"^({name}==[^\s]+)", lock, re.IGNORECASE | re.MULTILINE)
    if not match:
        raise RuntimeError(f"{name} is not pinned in requirements.txt")
    return match.group(1)


def _run(command: list[str], cwd: Path, env: dict | None = None) -> None:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=900,
                          env={**os.environ, "PYTHON": sys.executable, **(env or {})})
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout[-2000:]}"
                           f"{done.stderr[-2000:]}")
