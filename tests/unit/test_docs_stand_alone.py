"""The README and docs/ stand alone: they cite files of this repository only, and say what
holds on any machine."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md"), *ROOT.glob("*/README.md")])
OUTSIDE = re.compile(r"\.\./shared|shared/design|\b(?:API|ARCHITECTURE|DOMAIN|STYLE)\.md\b"
                     r"|this machine", re.MULTILINE)
# A path into the repository's own tree, as the docs quote them: `kefir/config.py`.
CITED = re.compile(r"`((?:kefir|tests|docs|scripts|migrations|bench|make)/[\w./-]+"
                   r"\.(?:py|md|json|mk|txt|jsonl))`")
GENERATED = {"bench/results.json"}  # written by `make bench`, not committed


def name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("doc", DOCS, ids=name)
def test_the_doc_cites_nothing_outside_the_repository(doc):
    assert OUTSIDE.findall(doc.read_text()) == []


@pytest.mark.parametrize("doc", DOCS, ids=name)
def test_every_repository_file_the_doc_cites_exists(doc):
    cited = set(CITED.findall(doc.read_text())) - GENERATED
    assert sorted(p for p in cited if not (ROOT / p).exists()) == []


def test_the_checks_read_the_docs():
    assert ROOT / "docs" / "api.md" in DOCS
    assert CITED.findall((ROOT / "README.md").read_text())
