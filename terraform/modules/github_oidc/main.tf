# A role that GitHub Actions jobs of one repository and one environment assume with their
# OIDC token (no long-lived keys), allowed to do what a routine deploy does and no more:
# upload the package, update the function and its API through Zappa's CloudFormation
# stack, manage its schedule rules, read the stage's Terraform outputs, migrate the table.
data "aws_caller_identity" "current" {}

data "aws_region" "current" {}

locals {
  issuer       = "token.actions.githubusercontent.com"
  provider_arn = var.create_oidc_provider ? aws_iam_openid_connect_provider.github[0].arn : var.oidc_provider_arn
  account_id   = data.aws_caller_identity.current.account_id
  region       = data.aws_region.current.region
  function_arn = "arn:aws:lambda:${local.region}:${local.account_id}:function:${var.function_name}"
  rest_apis    = "arn:aws:apigateway:${local.region}::/restapis"
  # Zappa names each schedule rule <function>-<event> (zappa/core.py,
  # get_scheduled_event_name); ours stay under its 64-character limit, so unhashed.
  rules = "arn:aws:events:${local.region}:${local.account_id}:rule/${var.function_name}-*"
}

resource "aws_iam_openid_connect_provider" "github" {
  count = var.create_oidc_provider ? 1 : 0

  url            = "https://${local.issuer}"
  client_id_list = ["sts.amazonaws.com"]
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [local.provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }

    # GitHub's default subject names the environment but not the branch, so any
    # branch whose workflow names the environment would match. The repository's
    # subject template includes the ref (docs/deployment.md, "CI credentials"):
    # only a job of this environment running on the deploy branch gets this subject.
    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:sub"
      values   = ["repo:${var.github_repository}:environment:${var.github_environment}:ref:refs/heads/${var.github_branch}"]
    }
  }
}

resource "aws_iam_role" "this" {
  name                 = "${var.name}-github-deploy"
  description          = "GitHub Actions deploys of ${var.github_repository} to the ${var.github_environment} environment."
  assume_role_policy   = data.aws_iam_policy_document.trust.json
  max_session_duration = var.max_session_seconds
}

resource "aws_iam_role_policy" "deploy" {
  name   = "deploy"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.deploy.json
}
