resource "aws_sns_topic" "this" {
  name              = "${var.name}-alarms"
  kms_master_key_id = var.kms_key_arn
}

resource "aws_sns_topic_subscription" "email" {
  count = var.alarm_email == "" ? 0 : 1

  topic_arn = aws_sns_topic.this.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

locals {
  alarm_count = var.alarms_enabled ? 1 : 0
  actions     = [aws_sns_topic.this.arn]
}

resource "aws_cloudwatch_metric_alarm" "lambda_errors" {
  count = local.alarm_count

  alarm_name          = "${var.name}-lambda-errors"
  alarm_description   = "More than ${var.lambda_errors_per_minute} function errors in a minute."
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = var.function_name }
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 1
  threshold           = var.lambda_errors_per_minute
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
}

resource "aws_cloudwatch_metric_alarm" "api_5xx" {
  count = local.alarm_count

  alarm_name          = "${var.name}-api-5xx"
  alarm_description   = "API Gateway answered more than ${var.api_5xx_per_minute} 5xx in a minute."
  namespace           = "AWS/ApiGateway"
  metric_name         = "5XXError"
  dimensions          = { ApiName = var.function_name, Stage = var.stage }
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 1
  threshold           = var.api_5xx_per_minute
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
}

resource "aws_cloudwatch_metric_alarm" "dynamodb_throttles" {
  count = local.alarm_count

  alarm_name          = "${var.name}-dynamodb-throttles"
  alarm_description   = "Reads or writes on the table or GSI1 were throttled."
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions

  metric_query {
    id          = "throttles"
    expression  = "SUM(METRICS())"
    label       = "Throttle events"
    return_data = true
  }

  dynamic "metric_query" {
    for_each = {
      table_reads  = { metric = "ReadThrottleEvents", dimensions = { TableName = var.table_name } }
      table_writes = { metric = "WriteThrottleEvents", dimensions = { TableName = var.table_name } }
      gsi_reads    = { metric = "ReadThrottleEvents", dimensions = { TableName = var.table_name, GlobalSecondaryIndexName = "GSI1" } }
      gsi_writes   = { metric = "WriteThrottleEvents", dimensions = { TableName = var.table_name, GlobalSecondaryIndexName = "GSI1" } }
    }

    content {
      id = metric_query.key

      metric {
        namespace   = "AWS/DynamoDB"
        metric_name = metric_query.value.metric
        dimensions  = metric_query.value.dimensions
        period      = 60
        stat        = "Sum"
      }
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "reminders_failed" {
  count = local.alarm_count

  alarm_name          = "${var.name}-reminders-failed"
  alarm_description   = "The reminder processor marked reminders failed in the last 5 minutes."
  namespace           = var.metric_namespace
  metric_name         = "RemindersFailed"
  dimensions          = { Stage = var.stage }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
}
