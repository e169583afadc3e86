"""Fill a site-packages directory with the runtime lock, in wheels Lambda can load.

pip resolves and installs the lock for this machine first (verifying hashes and
building pure-Python sdists such as placebo); then every distribution that
ships a compiled extension is replaced by its manylinux2014 wheel, because the
python3.11 runtime runs on Amazon Linux 2 (glibc 2.26) and this machine's own
wheels may need a newer glibc.
"""

import argparse
import re
import subprocess
import sys
import tempfile
from importlib.metadata import distributions
from pathlib import Path

PLATFORM_ARGS = [
    "--platform",
    "manylinux2014_x86_64",
    "--implementation",
    "cp",
    "--python-version",
    "3.11",
    "--only-binary=:all:",
]
PIP = [
    sys.executable,
    "-m",
    "pip",
    "--disable-pip-version-check",
    "install",
    "--quiet",
    "--no-compile",
]


def native_pins(site: Path) -> list[str]:
    """name==version of each distribution in *site* that ships a compiled extension."""
    pins = []
    for dist in distributions(path=[str(site)]):
        files = dist.files or []
        if any(str(f).endswith(".so") for f in files):
            pins.append(f"{dist.metadata['Name']}=={dist.version}")
    return sorted(pins)


def requirement_lines(lock: Path, pins: list[str]) -> str:
    """The lock's own entries (with their hashes, if any) for *pins*."""
    wanted = {pin.split("==")[0].lower().replace("_", "-") for pin in pins}
    entries = re.split(r"\n(?=\S)", lock.read_text())
    chosen = [e for e in entries if _name(e) in wanted]
    found = {_name(e) for e in chosen}
    chosen += [pin for pin in pins if pin.split("==")[0].lower().replace("_", "-") not in found]
    return "\n".join(chosen) + "\n"


def _name(entry: str) -> str:
    match = re.match(r"([A-Za-z0-9_.-]+)", entry)
    return match.group(1).lower().replace("_", "-") if match else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="site-packages directory to fill")
    parser.add_argument("lock", type=Path, help="runtime lock file (requirements.txt)")
    parser.add_argument("extra", nargs="*", help="requirements the lock lacks (zappa)")
    args = parser.parse_args(argv)

    subprocess.run(
        [*PIP, "--target", str(args.site), "-r", str(args.lock), *args.extra], check=True
    )
    pins = native_pins(args.site)
    if not pins:
        return 0
    print("Replacing with manylinux2014 wheels:", " ".join(pins))
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as native:
        native.write(requirement_lines(args.lock, pins))
        native.flush()
        subprocess.run(
            [
                *PIP,
                "--target",
                str(args.site),
                "--upgrade",
                "--no-deps",
                *PLATFORM_ARGS,
                "-r",
                native.name,
            ],
            check=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
