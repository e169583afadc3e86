"""count and for_each are decided from values Terraform knows when it plans (issue 12).

plan_time.py walks each root through every module it calls; these tests run it on the
real roots, on a copy with the defect that stopped the first plan put back, and on
modules nested four deep.
"""

import shutil
from pathlib import Path

import pytest

from .hcl import MODULES, TERRAFORM
from .plan_time import check

ROOTS = ["envs/dev", "envs/prod", "bootstrap"]


@pytest.mark.parametrize("root", ROOTS)
def test_every_count_and_for_each_is_known_at_plan_time(root):
    findings, _ = check(TERRAFORM / root)
    assert not findings, "\n".join(map(str, findings))


def test_the_walk_reaches_every_module():
    walked = set()
    for root in ROOTS:
        walked |= check(TERRAFORM / root)[1]
    assert {(TERRAFORM / "modules" / m).resolve() for m in MODULES} <= walked


@pytest.fixture
def copy_of_terraform(tmp_path):
    target = tmp_path / "terraform"
    shutil.copytree(TERRAFORM, target, ignore=shutil.ignore_patterns(".terraform*", "*.tfstate*"))
    return target


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{path.name} no longer has {old!r}"
    path.write_text(text.replace(old, new))


@pytest.mark.parametrize("stage", ["dev", "prod"])
def test_catches_the_count_that_stopped_the_first_plan(copy_of_terraform, stage):
    """The shape of finding 1: a bucket's logging counted on another module's bucket id."""
    replace(
        copy_of_terraform / "modules" / "s3_bucket" / "main.tf",
        "count = var.access_logging ? 1 : 0",
        'count = var.access_log_bucket == "" ? 0 : 1',
    )
    findings, _ = check(copy_of_terraform / "envs" / stage)
    flagged = {(f.module_path, f.block, f.argument) for f in findings}
    assert flagged == {
        (f"{stage}.module.stage.module.data.module.photos", "aws_s3_bucket_logging.this", "count"),
        (f"{stage}.module.stage.module.data.module.zappa", "aws_s3_bucket_logging.this", "count"),
        (
            f"{stage}.module.stage.module.security.module.trail_bucket",
            "aws_s3_bucket_logging.this",
            "count",
        ),
    }
    photos = next(f for f in findings if f.module_path.endswith("photos"))
    assert "aws_s3_bucket.this.id is a resource attribute" in photos.because
    # The log bucket itself gets "" (a literal) and is rightly not flagged.
    assert not any(f.module_path.endswith("access_logs") for f in findings)


def test_catches_a_for_each_over_a_resource_attribute(copy_of_terraform):
    replace(
        copy_of_terraform / "modules" / "dns" / "main.tf",
        "for_each = toset([var.api_domain_name])",
        "for_each = local.validation_options",
    )
    (finding,) = check(copy_of_terraform / "envs" / "prod")[0]
    assert (finding.block, finding.argument) == ("aws_route53_record.validation", "for_each")
    assert "aws_acm_certificate.this.domain_validation_options" in finding.because


def write_module(directory: Path, text: str) -> None:
    directory.mkdir(parents=True)
    (directory / "main.tf").write_text(text)


@pytest.fixture
def nested(tmp_path):
    """root → outer → middle → inner; inner creates a bucket and passes its id up."""
    modules = tmp_path / "modules"
    write_module(
        modules / "inner",
        'resource "aws_s3_bucket" "this" {\n  bucket = var.name\n}\n\n'
        'variable "name" {\n  type = string\n}\n\n'
        'output "id" {\n  value = aws_s3_bucket.this.id\n}\n\n'
        'output "name" {\n  value = var.name\n}\n',
    )
    write_module(
        modules / "middle",
        'module "inner" {\n  source = "../inner"\n  name   = "${var.prefix}-logs"\n}\n\n'
        'variable "prefix" {\n  type = string\n}\n\n'
        'locals {\n  bucket = module.inner.id\n}\n\n'
        'output "bucket" {\n  value = local.bucket\n}\n\n'
        'output "bucket_name" {\n  value = module.inner.name\n}\n',
    )
    write_module(
        modules / "counter",
        'variable "target" {\n  type = string\n}\n\n'
        'resource "aws_s3_bucket_logging" "this" {\n'
        '  count         = var.target == "" ? 0 : 1\n'
        '  bucket        = "x"\n  target_bucket = var.target\n}\n',
    )
    write_module(
        modules / "outer",
        'module "middle" {\n  source = "../middle"\n  prefix = "kefir"\n}\n\n'
        'module "counter" {\n  source = "../counter"\n  target = module.middle.TARGET\n}\n',
    )
    root = tmp_path / "root"
    write_module(root, 'module "outer" {\n  source = "../modules/outer"\n}\n')
    return tmp_path


def test_follows_a_value_through_modules_at_any_depth(nested):
    """An id made three modules down, passed up through a local and down again."""
    outer = nested / "modules" / "outer" / "main.tf"
    outer.write_text(outer.read_text().replace("TARGET", "bucket"))
    (finding,) = check(nested / "root")[0]
    assert finding.module_path == "root.module.outer.module.counter"
    assert finding.block == "aws_s3_bucket_logging.this"
    assert "module.middle.bucket" in finding.because
    assert "local.bucket ← module.inner.id" in finding.because
    assert "aws_s3_bucket.this.id is a resource attribute" in finding.because


def test_a_name_built_from_known_values_passes_at_any_depth(nested):
    outer = nested / "modules" / "outer" / "main.tf"
    outer.write_text(outer.read_text().replace("TARGET", "bucket_name"))
    assert check(nested / "root")[0] == []


def test_a_data_source_that_waits_for_a_resource_is_late(nested):
    counter = nested / "modules" / "counter" / "main.tf"
    counter.write_text(
        counter.read_text().replace('var.target == "" ? 0 : 1', "length(data.aws_x.y.names)")
        + 'resource "aws_s3_bucket" "that" {\n  bucket = "that"\n}\n\n'
        'data "aws_x" "y" {\n  depends_on = [aws_s3_bucket.that]\n}\n'
    )
    (finding,) = check(nested / "root")[0]
    assert "data.aws_x.y ← depends_on" in finding.because
