# Names the scripts (deploy_lambdas.sh, verify_deployment.sh, test_pipeline.sh) and the docs read
# with `terraform -chdir=infra/terraform output -raw NAME`.

output "raw_bucket" {
  description = "Bucket for raw inputs; upload to raw/<dataset>/<file> to ingest."
  value       = module.raw_bucket.id
}

output "processed_bucket" {
  description = "Bucket for Parquet, JSON Lines and quarantine files."
  value       = module.processed_bucket.id
}

output "reports_bucket" {
  description = "Bucket for daily report artefacts."
  value       = module.reports_bucket.id
}

output "rds_endpoint" {
  description = "RDS PostgreSQL host:port (reachable only from the Lambdas' security group)."
  value       = aws_db_instance.main.endpoint
}

output "rds_db_id" {
  description = "RDS instance identifier."
  value       = aws_db_instance.main.identifier
}

output "rds_security_group_id" {
  description = "Security group of the RDS instance."
  value       = aws_security_group.rds.id
}

output "lambda_security_group_id" {
  description = "Security group of the Lambdas (the only one RDS admits)."
  value       = aws_security_group.lambda.id
}

output "db_secret_arn" {
  description = "Secrets Manager secret with the RDS master credentials (managed and rotated by RDS)."
  value       = aws_db_instance.main.master_user_secret[0].secret_arn
}

output "alerts_topic_arn" {
  description = "SNS topic the alarms publish to."
  value       = aws_sns_topic.alerts.arn
}

output "reports_topic_arn" {
  description = "SNS topic report subscribers are subscribed to."
  value       = aws_sns_topic.reports.arn
}

output "processing_queue_url" {
  description = "SQS queue the raw bucket's Object Created events land in."
  value       = aws_sqs_queue.processing.url
}

output "dlq_url" {
  description = "Dead-letter queue (messages received 3 times without success)."
  value       = aws_sqs_queue.dlq.url
}

output "event_table" {
  description = "DynamoDB event store table."
  value       = aws_dynamodb_table.events.name
}

output "report_history_table" {
  description = "DynamoDB report history table."
  value       = aws_dynamodb_table.report_history.name
}

output "api_endpoint" {
  description = "Base URL of the HTTP API (GraphQL at /graphql)."
  value       = aws_apigatewayv2_stage.default.invoke_url
}

output "api_function_name" {
  description = "The api Lambda."
  value       = module.api.function_name
}

output "processor_function_name" {
  description = "The processor Lambda."
  value       = module.processor.function_name
}

output "reporter_function_name" {
  description = "The reporter Lambda."
  value       = module.reporter.function_name
}

output "alarm_names" {
  description = "Every alarm verify_deployment.sh expects in OK."
  value = concat(
    [for alarm in aws_cloudwatch_metric_alarm.lambda_error_rate : alarm.alarm_name],
    [
      aws_cloudwatch_metric_alarm.processing_p99.alarm_name,
      aws_cloudwatch_metric_alarm.dlq_depth.alarm_name,
      aws_cloudwatch_metric_alarm.rds_cpu.alarm_name,
      aws_cloudwatch_metric_alarm.data_stale.alarm_name,
    ],
  )
}

output "dashboard_url" {
  description = "The CloudWatch dashboard."
  value       = "https://${var.aws_region}.console.aws.amazon.com/cloudwatch/home?region=${var.aws_region}#dashboards:name=${aws_cloudwatch_dashboard.main.dashboard_name}"
}

output "report_schedule_name" {
  description = "EventBridge Scheduler schedule that runs the reporter daily."
  value       = aws_scheduler_schedule.daily_report.name
}
