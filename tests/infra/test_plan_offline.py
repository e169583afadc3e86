"""`make plan-offline`: every root plans, applies and re-plans empty against the
stand-in providers, and each shape of defect that only a plan (or the provider's
schema) catches makes it fail."""

import re
import shutil

from .hcl import TERRAFORM
from .offline_plan import ROOTS, plan_offline, run_tool


def test_every_root_plans_applies_and_plans_again_empty(rendered):
    counts = dict(
        re.findall(
            r"^(\S+): (\d+) resources planned, applied, and a second plan empty",
            rendered.report,
            re.M,
        )
    )
    assert set(counts) == set(ROOTS.values()), rendered.report
    assert all(int(count) > 0 for count in counts.values()), rendered.report


def test_schema_file_matches_the_published_schemas():
    result = run_tool("tools.tfstub.generate", "--check")
    assert result.returncode == 0, result.stderr


PROVIDERS = """
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}
"""

VERSIONING = """
resource "aws_s3_bucket" "%(name)s" {
  bucket_prefix = "%(name)s-"
}

resource "aws_s3_bucket_versioning" "%(name)s" {
  %(count)s
  bucket = aws_s3_bucket.%(name)s.id
  %(body)s
}
"""
ENABLED = 'versioning_configuration {\n    status = "Enabled"\n  }'


def versioning(name: str, body: str = ENABLED, count: str = "") -> str:
    return VERSIONING % {"name": name, "body": body, "count": count}


# Finding 1 of the first apply: a count that depends on a bucket's name, which
# the provider computes at apply. validate passes; plan must not.
COUNT_FED_AFTER_APPLY = versioning(
    "counted", count='count = aws_s3_bucket.counted.bucket == "" ? 0 : 1'
)
# Defects the provider's schema catches, each with Terraform's own words for it.
SCHEMA_DEFECTS = {
    "unknown argument": (
        versioning("unknown", ENABLED + "\n  versioned = true"),
        'An argument named "versioned" is not expected here',
    ),
    "wrong type": (
        versioning("wrongtype", 'versioning_configuration {\n    status = ["Enabled"]\n  }'),
        "Incorrect attribute value type",
    ),
    "missing required block": (
        versioning("noblock", ""),
        "Insufficient versioning_configuration blocks",
    ),
    "missing required argument": (
        'resource "aws_kms_alias" "noargument" {\n  name = "alias/planted"\n}\n',
        'The argument "target_key_id" is required',
    ),
}


def plan_planted(tmp_path, source: str):
    root = tmp_path / "terraform" / "planted"
    root.mkdir(parents=True)
    (root / "versions.tf").write_text(PROVIDERS)
    (root / "main.tf").write_text(source)
    return plan_offline(
        "--terraform", str(tmp_path / "terraform"), "--keep", str(tmp_path / "scratch"), "planted"
    )


def test_the_planted_root_passes_without_a_defect(tmp_path):
    result = plan_planted(tmp_path, versioning("counted", count="count = 1"))
    assert result.returncode == 0, result.stderr
    assert "planted: 2 resources" in result.stdout


def test_a_count_fed_after_apply_fails_the_plan(tmp_path):
    result = plan_planted(tmp_path, COUNT_FED_AFTER_APPLY)
    assert result.returncode != 0
    assert "`terraform plan" in result.stderr, "validate alone must not catch it"
    assert "Invalid count argument" in result.stderr


def test_each_schema_defect_fails(tmp_path):
    result = plan_planted(tmp_path, "\n".join(source for source, _ in SCHEMA_DEFECTS.values()))
    assert result.returncode != 0
    said = " ".join(result.stderr.split())
    missing = [defect for defect, (_, message) in SCHEMA_DEFECTS.items() if message not in said]
    assert not missing, result.stderr


def test_the_first_apply_count_defect_fails_in_the_real_configuration(tmp_path):
    """Feed s3_bucket's access-logging count from the log bucket's name again."""
    copy = tmp_path / "terraform"
    shutil.copytree(TERRAFORM, copy, ignore=shutil.ignore_patterns(".terraform*"))
    module = copy / "modules" / "s3_bucket" / "main.tf"
    source = module.read_text()
    planted = re.sub(
        r'(resource "aws_s3_bucket_logging" "this" \{(?:\n\s*#[^\n]*)*\n\s*count\s*=\s*)[^\n]+',
        r'\1var.access_log_bucket == "" ? 0 : 1',
        source,
    )
    assert planted != source, "aws_s3_bucket_logging.this has no count to plant the defect in"
    module.write_text(planted)
    result = plan_offline("--terraform", str(copy), "--keep", str(tmp_path / "scratch"), "envs/dev")
    assert result.returncode != 0
    assert "Invalid count argument" in result.stderr
