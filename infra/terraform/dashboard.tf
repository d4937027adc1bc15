# One dashboard (processing, Lambda, RDS, errors, DLQ) and the saved Logs Insights queries
# docs/MONITORING.md refers to.

locals {
  lambda_names = values(local.function_names)

  dashboard_widgets = [
    {
      type = "metric", x = 0, y = 0, width = 12, height = 6
      properties = {
        title  = "Processing: records and ingestions per 5 minutes"
        region = var.aws_region
        stat   = "Sum"
        period = 300
        metrics = [
          for name in ["RecordsIn", "RecordsValid", "RecordsWarned", "RecordsQuarantined", "IngestionsCompleted", "IngestionsRejected", "IngestionsFailed", "IngestionsDeadLettered"] :
          concat([local.metrics_namespace, name], local.processor_metric_dimensions_flat)
        ]
      }
    },
    {
      type = "metric", x = 12, y = 0, width = 12, height = 6
      properties = {
        title  = "Processing latency (ms) and data freshness (s)"
        region = var.aws_region
        period = 300
        metrics = [
          concat([local.metrics_namespace, "ProcessingLatency"], local.processor_metric_dimensions_flat, [{ stat = "p50", label = "latency p50" }]),
          concat([local.metrics_namespace, "ProcessingLatency"], local.processor_metric_dimensions_flat, [{ stat = "p99", label = "latency p99" }]),
          concat([local.metrics_namespace, "DataFreshness"], local.processor_metric_dimensions_flat, [{ stat = "Minimum", label = "freshness (s)", yAxis = "right" }]),
        ]
        annotations = { horizontal = [{ label = "p99 alarm (30 s)", value = 30000 }] }
      }
    },
    {
      type = "metric", x = 0, y = 6, width = 8, height = 6
      properties = {
        title   = "Lambda invocations"
        region  = var.aws_region
        stat    = "Sum"
        period  = 300
        metrics = [for name in local.lambda_names : ["AWS/Lambda", "Invocations", "FunctionName", name]]
      }
    },
    {
      type = "metric", x = 8, y = 6, width = 8, height = 6
      properties = {
        title   = "Lambda duration p99 (ms)"
        region  = var.aws_region
        stat    = "p99"
        period  = 300
        metrics = [for name in local.lambda_names : ["AWS/Lambda", "Duration", "FunctionName", name]]
      }
    },
    {
      type = "metric", x = 16, y = 6, width = 8, height = 6
      properties = {
        title  = "Lambda throttles and concurrency"
        region = var.aws_region
        stat   = "Maximum"
        period = 300
        metrics = concat(
          [for name in local.lambda_names : ["AWS/Lambda", "Throttles", "FunctionName", name, { stat = "Sum" }]],
          [for name in local.lambda_names : ["AWS/Lambda", "ConcurrentExecutions", "FunctionName", name]],
        )
      }
    },
    {
      type = "metric", x = 0, y = 12, width = 8, height = 6
      properties = {
        title  = "Errors: Lambda error rate (%)"
        region = var.aws_region
        period = 300
        metrics = flatten([
          for key, name in local.function_names : [
            [{ expression = "IF(${key}_inv > 0, 100 * ${key}_err / ${key}_inv, 0)", label = key, id = "${key}_rate" }],
            ["AWS/Lambda", "Errors", "FunctionName", name, { stat = "Sum", id = "${key}_err", visible = false }],
            ["AWS/Lambda", "Invocations", "FunctionName", name, { stat = "Sum", id = "${key}_inv", visible = false }],
          ]
        ])
        annotations = { horizontal = [{ label = "alarm (1 %)", value = 1 }] }
      }
    },
    {
      type = "metric", x = 8, y = 12, width = 8, height = 6
      properties = {
        title  = "Queues: processing backlog and DLQ depth"
        region = var.aws_region
        stat   = "Maximum"
        period = 60
        metrics = [
          ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", aws_sqs_queue.processing.name, { label = "processing queue" }],
          ["AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", aws_sqs_queue.processing.name, { label = "oldest message (s)", yAxis = "right" }],
          ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", aws_sqs_queue.dlq.name, { label = "DLQ depth" }],
        ]
        annotations = { horizontal = [{ label = "DLQ alarm (5)", value = 5 }] }
      }
    },
    {
      type = "metric", x = 16, y = 12, width = 8, height = 6
      properties = {
        title  = "RDS"
        region = var.aws_region
        period = 300
        metrics = [
          ["AWS/RDS", "CPUUtilization", "DBInstanceIdentifier", aws_db_instance.main.identifier, { stat = "Average", label = "CPU %" }],
          ["AWS/RDS", "DatabaseConnections", "DBInstanceIdentifier", aws_db_instance.main.identifier, { stat = "Maximum", label = "connections", yAxis = "right" }],
          ["AWS/RDS", "FreeStorageSpace", "DBInstanceIdentifier", aws_db_instance.main.identifier, { stat = "Minimum", label = "free storage (bytes)", yAxis = "right" }],
        ]
        annotations = { horizontal = [{ label = "CPU alarm (80 %)", value = 80 }] }
      }
    },
    {
      type = "alarm", x = 0, y = 18, width = 24, height = 3
      properties = {
        title = "Alarms"
        alarms = concat(
          [for alarm in aws_cloudwatch_metric_alarm.lambda_error_rate : alarm.arn],
          [
            aws_cloudwatch_metric_alarm.processing_p99.arn,
            aws_cloudwatch_metric_alarm.dlq_depth.arn,
            aws_cloudwatch_metric_alarm.rds_cpu.arn,
            aws_cloudwatch_metric_alarm.data_stale.arn,
          ],
        )
      }
    },
  ]
}

resource "aws_cloudwatch_dashboard" "main" {
  dashboard_name = local.name
  dashboard_body = jsonencode({ widgets = local.dashboard_widgets })
}

locals {
  lambda_log_groups = [module.api.log_group_name, module.processor.log_group_name, module.reporter.log_group_name]

  saved_queries = {
    "errors" = {
      log_groups = local.lambda_log_groups
      query      = <<-EOT
        fields @timestamp, @log, service, message, ingestionId, error
        | filter level = "ERROR" or @message like /Task timed out|Runtime\./
        | sort @timestamp desc
        | limit 100
      EOT
    }
    "ingestion-timeline" = {
      log_groups = [module.processor.log_group_name]
      query      = <<-EOT
        fields @timestamp, level, message, ingestionId, dataset, status, counts.recordsIn, counts.valid, counts.quarantined
        | filter ispresent(ingestionId)
        | sort @timestamp desc
        | limit 200
      EOT
    }
    "rejected-and-dead-lettered" = {
      log_groups = [module.processor.log_group_name]
      query      = <<-EOT
        fields @timestamp, level, ingestionId, dataset, status, message, receiveCount, error
        | filter status = "rejected" or message like /dead-letter|SQS delivers it again/
        | sort @timestamp desc
      EOT
    }
    "cold-starts" = {
      log_groups = local.lambda_log_groups
      query      = <<-EOT
        filter @type = "REPORT"
        | stats count(*) as invocations, count(@initDuration) as coldStarts, avg(@initDuration) as avgInitMs, max(@initDuration) as maxInitMs, pct(@duration, 99) as p99DurationMs by @log
      EOT
    }
    "slow-api-requests" = {
      log_groups = [aws_cloudwatch_log_group.api_access.name]
      query      = <<-EOT
        fields @timestamp, httpMethod, path, status, latencyMs, integrationError
        | filter latencyMs > 1000 or status >= 500
        | sort latencyMs desc
        | limit 100
      EOT
    }
  }
}

resource "aws_cloudwatch_query_definition" "saved" {
  for_each = local.saved_queries

  name            = "${local.name}/${each.key}"
  log_group_names = each.value.log_groups
  query_string    = each.value.query
}
