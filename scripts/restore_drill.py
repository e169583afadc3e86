"""The restore drill, and its export and compare steps for a real restore.

    python scripts/restore_drill.py drill [--workdir DIR]     # `make restore-drill`
    python scripts/restore_drill.py export --stage prod [--table NAME] --out FILE
    python scripts/restore_drill.py compare FIRST SECOND

`drill` needs nothing running: it starts an emulator of its own, seeds a table, exports it
to JSON lines (DynamoDB's export-to-S3 format), restores that into a new table and
compares the two item for item. docs/disaster-recovery.md uses `export` and `compare` to
check a point-in-time restore before cutting over.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from kefir.errors import ConfigError
from kefir.ops.backup import compare, export_table
from kefir.ops.target import TARGETS, connect


def drill(args) -> int:
    import logging

    import boto3

    from kefir.local.emulator import start_emulator
    from kefir.ops.drill import run_drill

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # the emulator's request log
    endpoint = start_emulator()
    print(f"restore drill on a fresh emulator at {endpoint}")
    dynamodb = boto3.client("dynamodb", endpoint_url=endpoint, region_name="us-east-1",
                            aws_access_key_id="local", aws_secret_access_key="local")
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="restore-drill-"))
    result = run_drill(dynamodb, workdir)
    print(f"seeded {result.seeded}, exported {result.exported}, restored {result.restored}; "
          f"files in {workdir}")
    print("PASSED: the restored table equals the source" if result.passed else "FAILED")
    return 0 if result.passed else 1


def export(args) -> int:
    wiring = connect(args.stage)
    table = args.table or wiring.settings.table_name
    count = export_table(wiring.aws.dynamodb, table, Path(args.out))
    print(f"exported {count} items of {table} to {args.out}")
    return 0


def compare_files(args) -> int:
    difference = compare(Path(args.first), Path(args.second))
    for item in difference.only_first[:20]:
        print(f"only in {args.first}: {item['PK']['S']} {item['SK']['S']}")
    for item in difference.only_second[:20]:
        print(f"only in {args.second}: {item['PK']['S']} {item['SK']['S']}")
    for first, _ in difference.changed[:20]:
        print(f"different: {first['PK']['S']} {first['SK']['S']}")
    print(difference.summary())
    return 0 if difference.identical else 1


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("drill", help="the whole drill on a fresh emulator")
    run.add_argument("--workdir", help="where the export files go (default: a temp dir)")
    run.set_defaults(handler=drill)
    out = commands.add_parser("export", help="export a stage's table to JSON lines")
    out.add_argument("--stage", required=True, choices=TARGETS)
    out.add_argument("--table", help="default: the stage's table")
    out.add_argument("--out", required=True)
    out.set_defaults(handler=export)
    diff = commands.add_parser("compare", help="compare two export files item for item")
    diff.add_argument("first")
    diff.add_argument("second")
    diff.set_defaults(handler=compare_files)
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
