"""The Makefile's set-up fails early and leaves nothing half-built behind."""
from __future__ import annotations

import os
import subprocess
import sys

from .hcl import ROOT


def _make(tmp_path, python: str) -> subprocess.CompletedProcess:
    venv = tmp_path / "venv"
    return subprocess.run(["make", "--no-print-directory", f"{venv}/.runtime", f"VENV={venv}",
                           f"PYTHON={python}"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def _fake_python(tmp_path, body: str) -> str:
    fake = tmp_path / "python3"
    fake.write_text(f"#!/bin/sh\n{body}\n")
    fake.chmod(0o755)
    return str(fake)


def test_a_python_that_is_not_3_11_is_refused_before_anything_is_made(tmp_path):
    python = _fake_python(tmp_path, '[ "$1" = --version ] && { echo "Python 3.12.1"; exit 0; }\n'
                                    'exit 1')
    done = _make(tmp_path, python)
    assert done.returncode != 0
    assert done.stderr.splitlines()[0] == (
        f"BubbleBatch needs Python 3.11, but PYTHON={python} is Python 3.12.1; point PYTHON "
        f"at one: make {tmp_path}/venv/.runtime PYTHON=/path/to/python3.11")
    assert not (tmp_path / "venv").exists()


def test_a_failed_install_removes_the_half_made_venv(tmp_path):
    # A 3.11 whose venv step dies half-way, as an install that fails on a missing wheel.
    python = _fake_python(tmp_path, f'[ "$1" = -c ] && exec {sys.executable} "$@"\n'
                                    'mkdir -p "$3/bin" && touch "$3/bin/python"; exit 1')
    done = _make(tmp_path, python)
    assert done.returncode != 0
    assert f"Installing into {tmp_path}/venv failed; removed it" in done.stderr
    assert not (tmp_path / "venv").exists()
    assert os.listdir(tmp_path) == ["python3"]
