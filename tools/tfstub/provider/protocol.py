"""The tfplugin6 messages, from the Terraform binary that will call the stand-in.

Terraform is a Go program: protoc-gen-go compiles each .proto's descriptor into
it, byte for byte. Reading tfplugin6's descriptor out of the binary gives the
exact protocol minor version that binary speaks (6.9 for Terraform 1.11, with
ephemeral resources and write-only attributes), where the stubs on PyPI stop at
6.5 (`tfplugin-proto-all`) or older (`tf`). plan_offline.py extracts it once a
run into the file TFSTUB_DESCRIPTOR names, so each provider start reads a few
kilobytes instead of the binary.
"""

import os
import shutil
from pathlib import Path
from functools import lru_cache

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from google.protobuf import timestamp_pb2

PROTO_NAME = b"tfplugin6.proto"
SERVICE = "tfplugin6.Provider"


def terraform_binary() -> str:
    binary = os.environ.get("TFSTUB_TERRAFORM") or shutil.which("terraform")
    if not binary:
        raise RuntimeError(
            "terraform is not on PATH (the machine image has 1.11 in /usr/local/bin);"
            " or set TFSTUB_TERRAFORM to its path"
        )
    return binary


def _varint(data: bytes, index: int) -> tuple[int, int]:
    shift = result = 0
    while True:
        byte = data[index]
        index += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, index
        shift += 7


def extract_descriptor(binary: bytes) -> bytes:
    """The serialized FileDescriptorProto of tfplugin6.proto inside a Go binary.

    It starts with field 1 (the file name); it ends where the bytes stop being
    FileDescriptorProto fields (numbers 1 to 14, varint or length-delimited).
    """
    start = binary.find(b"\n" + bytes([len(PROTO_NAME)]) + PROTO_NAME + b"\x12\x09tfplugin6")
    if start < 0:
        raise RuntimeError("this terraform binary carries no tfplugin6 descriptor")
    index = start
    while index < len(binary):
        key, after = _varint(binary, index)
        field, wire_type = key >> 3, key & 7
        if not 1 <= field <= 14 or wire_type not in (0, 2):
            break
        value, after = _varint(binary, after)
        index = after + (value if wire_type == 2 else 0)
    return binary[start:index]


@lru_cache(maxsize=1)
def messages() -> dict:
    """Every tfplugin6 message class by its full name, e.g. "tfplugin6.Schema.Block"."""
    cached = os.environ.get("TFSTUB_DESCRIPTOR")
    if cached:
        raw = Path(cached).read_bytes()
    else:
        raw = extract_descriptor(Path(terraform_binary()).read_bytes())
    timestamp = descriptor_pb2.FileDescriptorProto.FromString(
        timestamp_pb2.DESCRIPTOR.serialized_pb
    )
    tfplugin6 = descriptor_pb2.FileDescriptorProto.FromString(raw)
    pool = descriptor_pool.DescriptorPool()
    classes = message_factory.GetMessages([timestamp, tfplugin6], pool=pool)
    classes["service"] = pool.FindServiceByName(SERVICE)
    return classes


def message(name: str):
    """The message class tfplugin6.<name>, nested names included ("Schema.Block")."""
    top, *nested = name.split(".")
    found = messages()[f"tfplugin6.{top}"]
    for part in nested:
        found = getattr(found, part)
    return found
