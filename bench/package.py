"""Package size: our Lambda zip against Zappa's default hello-world Flask package (target
ratio <= 1.0). Both are built by bench.zappa_build on every run."""
from __future__ import annotations

import zipfile
from pathlib import Path

from bench import zappa_build

MB = 1024 * 1024


def run() -> dict:
    ours, hello = zappa_build.ours(), zappa_build.hello_world()
    return {"zip_mb": _mb(ours.stat().st_size), "unzipped_mb": _mb(unzipped_bytes(ours)),
            "hello_world_zip_mb": _mb(hello.stat().st_size),
            "hello_world_unzipped_mb": _mb(unzipped_bytes(hello)),
            "ratio": round(ours.stat().st_size / hello.stat().st_size, 3),
            "largest": largest(ours)}


def unzipped_bytes(package: Path) -> int:
    return sum(i.file_size for i in zipfile.ZipFile(package).infolist())


def largest(package: Path, top: int = 6) -> dict:
    """Zipped MB by top-level entry, biggest first: where to look when the ratio grows."""
    sizes: dict[str, int] = {}
    for info in zipfile.ZipFile(package).infolist():
        name = info.filename.split("/")[0]
        sizes[name] = sizes.get(name, 0) + info.compress_size
    return {k: _mb(v) for k, v in sorted(sizes.items(), key=lambda kv: -kv[1])[:top]}


def _mb(size: int) -> float:
    return round(size / MB, 2)
