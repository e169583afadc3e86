"""Headless Chromium (Debian's `chromium`, installed by scripts/ensure_chromium.sh) and
the little PNG handling the browser tests need, without extra dependencies."""
from __future__ import annotations

import shutil
import struct
import subprocess
import tempfile
import zlib
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--hide-scrollbars", "--force-device-scale-factor=1"]


def _run(*args: str) -> str:
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run([CHROMIUM, *_FLAGS, f"--user-data-dir={profile}", *args],
                                capture_output=True, text=True, timeout=90, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def screenshot(url: str, path: Path, *, width: int = 390, height: int = 844) -> None:
    """A phone-sized screenshot of the page as Chromium renders it, scripts or not."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _run(f"--window-size={width},{height}", f"--screenshot={path}", url)
    assert path.exists(), f"chromium wrote no screenshot for {url}"


def dump_dom(url: str) -> str:
    return _run("--dump-dom", url)


def make_png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A solid-colour PNG."""
    row = b"\x00" + bytes(rgb) * width
    raw = zlib.compress(row * height)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + \
            struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + \
        chunk(b"IEND", b"")


def count_pixels(png: bytes, rgb: tuple[int, int, int], tolerance: int = 8) -> int:
    """How many pixels of an 8-bit RGB/RGBA PNG (as Chromium writes them) are near `rgb`."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    offset, data, width, height, channels = 8, b"", 0, 0, 3
    while offset < len(png):
        length, kind = struct.unpack(">I4s", png[offset:offset + 8])
        body = png[offset + 8:offset + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), "only 8-bit RGB/RGBA"
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            data += body
        offset += 12 + length
    raw, stride = zlib.decompress(data), width * channels
    previous, count, position = bytearray(stride), 0, 0
    for _ in range(height):
        kind, line = raw[position], bytearray(raw[position + 1:position + 1 + stride])
        position += 1 + stride
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                guess = left + up - corner
                pa, pb, pc = abs(guess - left), abs(guess - up), abs(guess - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else
                                      up if pb <= pc else corner)) & 0xFF
        for x in range(0, stride, channels):
            if all(abs(line[x + c] - rgb[c]) <= tolerance for c in range(3)):
                count += 1
        previous = line
    return count
