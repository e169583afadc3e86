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

  single_metric_alarms = {
    lambda-errors = {
      description = "More than ${var.lambda_errors_per_minute} function errors in a minute."
      namespace   = "AWS/Lambda"
      metric_name = "Errors"
      dimensions  = { FunctionName = var.function_name }
      period      = 60
      threshold   = var.lambda_errors_per_minute
    }
    api-5xx = {
      description = "API Gateway answered more than ${var.api_5xx_per_minute} 5xx in a minute."
      namespace   = "AWS/ApiGateway"
      metric_name = "5XXError"
      dimensions  = { ApiName = var.function_name, Stage = var.stage }
      period      = 60
      threshold   = var.api_5xx_per_minute
    }
    reminders-failed = {
      description = "The reminder processor marked reminders failed in the last 5 minutes."
      namespace   = var.metric_namespace
      metric_name = "RemindersFailed"
      dimensions  = { Stage = var.stage }
      period      = 300
      threshold   = 0
    }
  }
}

# The alarms on a single metric differ only in what they watch and when they fire.
resource "aws_cloudwatch_metric_alarm" "single_metric" {
  for_each = var.alarms_enabled ? local.single_metric_alarms : {}

  alarm_name          = "${var.name}-${each.key}"
  alarm_description   = each.value.description
  namespace           = each.value.namespace
  metric_name         = each.value.metric_name
  dimensions          = each.value.dimensions
  statistic           = "Sum"
  period              = each.value.period
  evaluation_periods  = 1
  threshold           = each.value.threshold
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
