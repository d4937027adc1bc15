# The seed's alarms, exactly: Lambda error rate > 1 %, processing p99 > 30 s, DLQ depth > 5,
# RDS CPU > 80 %, data stale > 1 h. Thresholds are literals so test/infra can check them.
# All alarm (and recovery) notifications go to the alerts topic. docs/MONITORING.md explains
# every metric, alarm, widget and saved query.

locals {
  # The processor's CloudWatch Embedded Metric Format lines (Powertools Metrics, see
  # libs/adapters/src/aws-metrics): namespace DataPipeline, dimensions `service` (the code's
  # fixed service name for Lambdas) and `Environment`. An alarm matches one exact dimension set.
  metrics_namespace = "DataPipeline"
  processor_metric_dimensions = {
    service     = "data-pipeline"
    Environment = var.environment
  }
  processor_metric_dimensions_flat = ["service", "data-pipeline", "Environment", var.environment]
  alarm_actions                    = [aws_sns_topic.alerts.arn]
}

resource "aws_cloudwatch_metric_alarm" "lambda_error_rate" {
  for_each = local.function_names

  alarm_name          = "${each.value}-error-rate"
  alarm_description   = "More than 1 % of ${each.key} invocations failed in 5 minutes."
  comparison_operator = "GreaterThanThreshold"
  threshold           = 1
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  metric_query {
    id          = "error_rate"
    expression  = "IF(invocations > 0, 100 * errors / invocations, 0)"
    label       = "Error rate (%)"
    return_data = true
  }

  metric_query {
    id = "errors"
    metric {
      namespace   = "AWS/Lambda"
      metric_name = "Errors"
      dimensions  = { FunctionName = each.value }
      period      = 300
      stat        = "Sum"
    }
  }

  metric_query {
    id = "invocations"
    metric {
      namespace   = "AWS/Lambda"
      metric_name = "Invocations"
      dimensions  = { FunctionName = each.value }
      period      = 300
      stat        = "Sum"
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "processing_p99" {
  alarm_name          = "${local.name}-processing-p99"
  alarm_description   = "99th percentile of ingestion processing time above 30 s over 5 minutes."
  namespace           = local.metrics_namespace
  metric_name         = "ProcessingLatency"
  dimensions          = local.processor_metric_dimensions
  extended_statistic  = "p99"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 30000 # milliseconds (the metric's unit) = 30 s
  unit                = "Milliseconds"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "dlq_depth" {
  alarm_name          = "${local.name}-dlq-depth"
  alarm_description   = "More than 5 messages wait in the dead-letter queue: fix the cause, then replay."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.dlq.name }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 5
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "rds_cpu" {
  alarm_name          = "${local.name}-rds-cpu"
  alarm_description   = "RDS CPU above 80 % for 10 minutes."
  namespace           = "AWS/RDS"
  metric_name         = "CPUUtilization"
  dimensions          = { DBInstanceIdentifier = aws_db_instance.main.identifier }
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 2
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  treat_missing_data  = "missing"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "data_stale" {
  alarm_name          = "${local.name}-data-stale"
  alarm_description   = "Even the freshest ingestion of the last 5 minutes stored its rows more than 1 hour after its object arrived."
  namespace           = local.metrics_namespace
  metric_name         = "DataFreshness"
  dimensions          = local.processor_metric_dimensions
  statistic           = "Minimum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 3600 # seconds (the metric's unit) = 1 h
  unit                = "Seconds"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}
