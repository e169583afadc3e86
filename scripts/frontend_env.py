"""Write what the Expo app and the web host need to talk to a stage.

build/frontend/<stage>.env      EXPO_PUBLIC_* variables for the Expo app
build/frontend/<stage>.json     the same values for the web host
"""

import argparse
import json
import sys
from pathlib import Path

import boto3

from stage_lookup import REGION, find_api_id, function_name, stage_url

ROOT = Path(__file__).resolve().parent.parent


def frontend_values(outputs: dict, api_url: str) -> dict:
    return {
        "api_url": api_url,
        "user_pool_id": outputs["user_pool_id"],
        "user_pool_client_id": outputs["user_pool_client_id"],
        "region": outputs["region"],
    }


def api_url_for(stage: str, outputs: dict, apigateway) -> str | None:
    if outputs.get("api_domain_name"):
        return f"https://{outputs['api_domain_name']}"
    api_id = find_api_id(apigateway, function_name(stage))
    return stage_url(api_id, stage) if api_id else None


def write(values: dict, stage: str, directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    env_file = directory / f"{stage}.env"
    env_file.write_text(
        "".join(f"EXPO_PUBLIC_{key.upper()}={value}\n" for key, value in values.items())
    )
    json_file = directory / f"{stage}.json"
    json_file.write_text(json.dumps(values, indent=2) + "\n")
    return [env_file, json_file]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stage")
    parser.add_argument(
        "--outputs", type=Path, required=True, help="file written by `terraform output -json`"
    )
    args = parser.parse_args(argv)

    outputs = {name: item["value"] for name, item in json.loads(args.outputs.read_text()).items()}
    api_url = api_url_for(args.stage, outputs, boto3.client("apigateway", region_name=REGION))
    if api_url is None:
        print(
            f"Stage {args.stage} has no API yet: run make deploy-{args.stage} first.",
            file=sys.stderr,
        )
        return 1
    for path in write(frontend_values(outputs, api_url), args.stage, ROOT / "build" / "frontend"):
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
