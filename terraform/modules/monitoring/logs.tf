resource "aws_cloudwatch_log_group" "lambda" {
  # checkov:skip=CKV_AWS_338: retention is 14 days in dev and 30 in prod by decision; a year of request logs is cost without use
  name              = "/aws/lambda/${var.function_name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
}

resource "aws_cloudwatch_log_group" "access" {
  # checkov:skip=CKV_AWS_338: retention is 14 days in dev and 30 in prod by decision; a year of request logs is cost without use
  name              = "/aws/apigateway/${var.name}-access"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
}

data "aws_iam_policy_document" "apigateway_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["apigateway.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "apigateway" {
  count = var.manage_api_gateway_account ? 1 : 0

  name               = "${var.name}-apigateway-logs"
  assume_role_policy = data.aws_iam_policy_document.apigateway_assume.json
}

resource "aws_iam_role_policy_attachment" "apigateway" {
  count = var.manage_api_gateway_account ? 1 : 0

  role       = aws_iam_role.apigateway[0].name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"
}

# API Gateway refuses access logging until the account names a CloudWatch role.
resource "aws_api_gateway_account" "this" {
  count = var.manage_api_gateway_account ? 1 : 0

  cloudwatch_role_arn = aws_iam_role.apigateway[0].arn
}
