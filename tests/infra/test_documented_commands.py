"""Every `make <target>` the docs and workflows tell someone to run exists."""
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = [ROOT / "README.md", ROOT / "migrations" / "README.md",
             *sorted((ROOT / "docs").glob("*.md")),
             *sorted((ROOT / ".github" / "workflows").glob("*.yml"))]
# A command, not prose: in a code span, at the start of a code line, or a workflow's run.
_MAKE = re.compile(r"(?:^\s*|`|run: )make ([a-z][a-z0-9-]*)", re.MULTILINE)


def make_targets() -> set[str]:
    database = subprocess.run(["make", "-pRrq", "-f", "Makefile", ":"], cwd=ROOT,
                              capture_output=True, text=True, check=False).stdout
    return {m.group(1) for m in re.finditer(r"^([a-z][a-z0-9-]*):", database, re.MULTILINE)}


def _exists(name: str, targets: set[str]) -> bool:
    if name.endswith("-"):  # a family such as `make deploy-<stage>`
        return any(t.startswith(name) for t in targets)
    return name in targets


def test_the_documented_make_targets_exist():
    targets = make_targets()
    assert {"test", "run", "migrate"} <= targets
    missing = sorted({f"{path.relative_to(ROOT)}: make {name}"
                      for path in DOCUMENTS for name in _MAKE.findall(path.read_text())
                      if not _exists(name, targets)})
    assert missing == []
