"""Write the complete Zappa settings of one stage for `zappa deploy/update -s`.

zappa_settings.json holds everything that is fixed by the naming convention.
What only Terraform knows (bucket names carry the account id; Cognito makes up
its ids) or only exists after a deploy (the execute-api URL) is added here from
`terraform output -json`, so the function is configured in one step, by Zappa,
and never edited behind its back. Names that both sides derive from the
convention are compared, and a mismatch stops the deploy.
"""

import argparse
import json
import sys
from pathlib import Path

SETTINGS = Path(__file__).resolve().parent.parent / "zappa_settings.json"

FROM_TERRAFORM = {
    "KEFIR_PHOTO_BUCKET": "photo_bucket_name",
    "KEFIR_USER_POOL_ID": "user_pool_id",
    "KEFIR_USER_POOL_CLIENT_ID": "user_pool_client_id",
}
MUST_AGREE = {
    "KEFIR_TABLE": "table_name",
    "KEFIR_SIGNING_KEY_SECRET": "signing_key_secret_name",
    "KEFIR_EXPO_TOKEN_SECRET": "expo_token_secret_name",
}


class Mismatch(Exception):
    """zappa_settings.json and Terraform disagree about a name."""


def stage_config(settings: dict, stage: str) -> dict:
    """The stage's settings after Zappa's shallow `extends` merge."""
    config = dict(settings[stage])
    parent = config.pop("extends", None)
    return {**stage_config(settings, parent), **config} if parent else config


def public_base_url(config: dict, api_url: str | None) -> str | None:
    if config.get("domain"):
        return f"https://{config['domain']}"
    return api_url or None


def render(settings: dict, stage: str, outputs: dict, api_url: str | None = None) -> dict:
    """Settings file content (only *stage*, resolved) for Zappa's -s option."""
    config = stage_config(settings, stage)
    env = dict(config["aws_environment_variables"])

    pairs = [(env[var], outputs[key]) for var, key in MUST_AGREE.items()]
    pairs.append((config["role_name"], outputs["lambda_role_name"]))
    pairs.append((config.get("domain", ""), outputs.get("api_domain_name", "")))
    for ours, theirs in pairs:
        if ours != theirs:
            raise Mismatch(f"zappa_settings.json says {ours!r} where Terraform created {theirs!r}")
    if not outputs["lambda_role_arn"].endswith(f":role/{config['role_name']}"):
        raise Mismatch(f"role_name {config['role_name']!r} is not {outputs['lambda_role_arn']!r}")

    env.update({var: outputs[key] for var, key in FROM_TERRAFORM.items()})
    base_url = public_base_url(config, api_url)
    if base_url:
        env["KEFIR_PUBLIC_BASE_URL"] = base_url
    else:
        # First deploy of a stage without a custom domain: its URL does not exist
        # yet, so Zappa must not probe it; scripts/deploy.sh updates right after.
        config["touch"] = False
    config["aws_environment_variables"] = env
    config["s3_bucket"] = outputs["zappa_bucket_name"]
    # Zappa 0.63 reads no role_name (it would look for <function>-ZappaLambdaExecutionRole);
    # with manage_roles false it gives Lambda and the schedule rules role_arn, or nothing.
    config["role_arn"] = outputs["lambda_role_arn"]
    return {stage: config}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render one stage's Zappa settings.")
    parser.add_argument("stage")
    parser.add_argument(
        "--outputs", type=Path, required=True, help="file written by `terraform output -json`"
    )
    parser.add_argument("--api-url", default="", help="the stage's execute-api URL, once it exists")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)

    outputs = {name: item["value"] for name, item in json.loads(args.outputs.read_text()).items()}
    try:
        rendered = render(json.loads(SETTINGS.read_text()), args.stage, outputs, args.api_url)
    except Mismatch as error:
        print(error, file=sys.stderr)
        return 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(rendered, indent=4) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
