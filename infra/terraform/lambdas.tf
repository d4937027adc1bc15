# The three Lambdas, built by `npm run build:lambdas` into dist/lambda/<name>.zip, and what
# invokes them: the SQS event source mapping (processor), EventBridge Scheduler (reporter) and
# the HTTP API (api). Each environment block holds exactly the variables that function's code
# reads from libs/adapters/src/config; test/infra checks both directions.

locals {
  lambda_network = {
    subnet_ids         = aws_subnet.private[*].id
    security_group_ids = [aws_security_group.lambda.id]
  }

  log_level     = var.environment == "prod" ? "info" : "debug"
  db_secret_arn = aws_db_instance.main.master_user_secret[0].secret_arn

  # Limits of the api (API_* variables). The body limit stays under Lambda's 6 MB synchronous
  # payload (API Gateway base64-encodes binary bodies); uploads go straight to S3 through
  # presigned URLs, so their limit is S3's business.
  api_limits = {
    max_body_bytes         = 4 * 1024 * 1024
    max_upload_bytes       = 1024 * 1024 * 1024
    upload_url_ttl_seconds = 900
    max_query_depth        = 10
    max_query_complexity   = 50000
    key_cache_seconds      = 10
  }
}

# Packages with native binaries (DuckDB) that esbuild cannot bundle: the bundles require() them
# from /opt/nodejs/node_modules (see scripts/lambda/native-require-plugin.ts). Published only
# when its content changes; deploy_lambdas.sh warns when the attached version is outdated.
resource "aws_lambda_layer_version" "native" {
  layer_name               = "${local.name}-native"
  description              = "Native Node.js packages for nodejs22.x on x86_64 (npm run build:lambdas)"
  filename                 = "${local.package_dir}/native-layer.zip"
  source_code_hash         = filebase64sha256("${local.package_dir}/native-layer.zip")
  compatible_runtimes      = ["nodejs22.x"]
  compatible_architectures = ["x86_64"]
}

module "processor" {
  source = "./modules/lambda_function"

  function_name        = local.function_names.processor
  description          = "Processes raw objects from the processing queue (and direct {\"data\": [...]} invocations)"
  package_file         = "${local.package_dir}/processor.zip"
  layers               = [aws_lambda_layer_version.native.arn]
  timeout_seconds      = var.lambda_timeout_seconds
  memory_mb            = var.lambda_memory_mb
  ephemeral_storage_mb = var.processor_ephemeral_storage_mb
  policy_json          = data.aws_iam_policy_document.processor.json
  subnet_ids           = local.lambda_network.subnet_ids
  security_group_ids   = local.lambda_network.security_group_ids
  log_retention_days   = var.log_retention_days
  enable_xray          = var.enable_xray

  environment = {
    PIPELINE_MODE         = "aws"
    ENVIRONMENT           = var.environment
    LOG_LEVEL             = local.log_level
    NODE_OPTIONS          = local.node_options
    DB_SECRET_ARN         = local.db_secret_arn
    DB_HOST               = aws_db_instance.main.address
    DB_PORT               = tostring(aws_db_instance.main.port)
    DB_NAME               = local.db_name
    RAW_BUCKET            = module.raw_bucket.id
    PROCESSED_BUCKET      = module.processed_bucket.id
    EVENT_TABLE           = aws_dynamodb_table.events.name
    REPORT_HISTORY_TABLE  = aws_dynamodb_table.report_history.name
    PROCESSING_QUEUE_URL  = aws_sqs_queue.processing.url
    DLQ_URL               = aws_sqs_queue.dlq.url
    MAX_RECEIVE_COUNT     = tostring(local.max_receive_count)
    PARQUET_ROWS_PER_FILE = tostring(var.parquet_rows_per_file)
  }
}

module "reporter" {
  source = "./modules/lambda_function"

  function_name      = local.function_names.reporter
  description        = "Daily report for the previous UTC day (EventBridge Scheduler) and on demand"
  package_file       = "${local.package_dir}/reporter.zip"
  layers             = [aws_lambda_layer_version.native.arn]
  timeout_seconds    = var.lambda_timeout_seconds
  memory_mb          = var.lambda_memory_mb
  policy_json        = data.aws_iam_policy_document.reporter.json
  subnet_ids         = local.lambda_network.subnet_ids
  security_group_ids = local.lambda_network.security_group_ids
  log_retention_days = var.log_retention_days
  enable_xray        = var.enable_xray

  environment = {
    PIPELINE_MODE              = "aws"
    ENVIRONMENT                = var.environment
    LOG_LEVEL                  = local.log_level
    NODE_OPTIONS               = local.node_options
    DB_SECRET_ARN              = local.db_secret_arn
    DB_HOST                    = aws_db_instance.main.address
    DB_PORT                    = tostring(aws_db_instance.main.port)
    DB_NAME                    = local.db_name
    REPORTS_BUCKET             = module.reports_bucket.id
    EVENT_TABLE                = aws_dynamodb_table.events.name
    REPORT_HISTORY_TABLE       = aws_dynamodb_table.report_history.name
    PROCESSING_QUEUE_URL       = aws_sqs_queue.processing.url
    DLQ_URL                    = aws_sqs_queue.dlq.url
    MAX_RECEIVE_COUNT          = tostring(local.max_receive_count)
    REPORTS_TOPIC_ARN          = aws_sns_topic.reports.arn
    REPORT_LINK_EXPIRY_SECONDS = tostring(var.report_link_expiry_seconds)
  }
}

module "api" {
  source = "./modules/lambda_function"

  function_name      = local.function_names.api
  description        = "GraphQL API and REST /ingest, /health behind the HTTP API"
  package_file       = "${local.package_dir}/api.zip"
  layers             = [aws_lambda_layer_version.native.arn]
  timeout_seconds    = var.api_timeout_seconds
  memory_mb          = var.lambda_memory_mb
  policy_json        = data.aws_iam_policy_document.api.json
  subnet_ids         = local.lambda_network.subnet_ids
  security_group_ids = local.lambda_network.security_group_ids
  log_retention_days = var.log_retention_days
  enable_xray        = var.enable_xray

  environment = {
    PIPELINE_MODE              = "aws"
    ENVIRONMENT                = var.environment
    LOG_LEVEL                  = local.log_level
    NODE_OPTIONS               = local.node_options
    DB_SECRET_ARN              = local.db_secret_arn
    DB_HOST                    = aws_db_instance.main.address
    DB_PORT                    = tostring(aws_db_instance.main.port)
    DB_NAME                    = local.db_name
    RAW_BUCKET                 = module.raw_bucket.id
    PROCESSED_BUCKET           = module.processed_bucket.id
    REPORTS_BUCKET             = module.reports_bucket.id
    EVENT_TABLE                = aws_dynamodb_table.events.name
    REPORT_HISTORY_TABLE       = aws_dynamodb_table.report_history.name
    PROCESSING_QUEUE_URL       = aws_sqs_queue.processing.url
    DLQ_URL                    = aws_sqs_queue.dlq.url
    MAX_RECEIVE_COUNT          = tostring(local.max_receive_count)
    REPORTS_TOPIC_ARN          = aws_sns_topic.reports.arn
    REPORT_LINK_EXPIRY_SECONDS = tostring(var.report_link_expiry_seconds)
    API_MAX_BODY_BYTES         = tostring(local.api_limits.max_body_bytes)
    API_MAX_UPLOAD_BYTES       = tostring(local.api_limits.max_upload_bytes)
    UPLOAD_URL_TTL_SECONDS     = tostring(local.api_limits.upload_url_ttl_seconds)
    API_MAX_QUERY_DEPTH        = tostring(local.api_limits.max_query_depth)
    API_MAX_QUERY_COMPLEXITY   = tostring(local.api_limits.max_query_complexity)
    API_KEY_CACHE_SECONDS      = tostring(local.api_limits.key_cache_seconds)
  }
}

# --- processor: SQS event source with partial batch failures --------------------------------

resource "aws_lambda_event_source_mapping" "processing_queue" {
  event_source_arn                   = aws_sqs_queue.processing.arn
  function_name                      = module.processor.function_arn
  batch_size                         = 10
  maximum_batching_window_in_seconds = 5
  function_response_types            = ["ReportBatchItemFailures"]

  scaling_config {
    maximum_concurrency = var.processor_max_concurrency
  }
}

# --- reporter: daily at daily_report_time_utc -------------------------------------------------

resource "aws_scheduler_schedule" "daily_report" {
  name                         = "${local.name}-daily-report"
  description                  = "Daily report for the previous UTC day"
  schedule_expression          = "cron(${local.report_minute} ${local.report_hour} * * ? *)"
  schedule_expression_timezone = "UTC"

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = module.reporter.function_arn
    role_arn = aws_iam_role.scheduler.arn

    # The reporter reads the scheduled time to pick the previous UTC day, so a delayed retry
    # still reports on the right day.
    input = jsonencode({
      source        = "aws.scheduler"
      "detail-type" = "Scheduled Event"
      time          = "<aws.scheduler.scheduled-time>"
      detail = {
        kind        = "daily-report"
        executionId = "<aws.scheduler.execution-id>"
      }
    })

    retry_policy {
      maximum_retry_attempts       = 3
      maximum_event_age_in_seconds = 3600
    }
  }
}

resource "aws_iam_role" "scheduler" {
  name               = "${local.name}-scheduler"
  assume_role_policy = data.aws_iam_policy_document.scheduler_assume.json
}

data "aws_iam_policy_document" "scheduler_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role_policy" "scheduler_invokes_reporter" {
  name = "invoke-reporter"
  role = aws_iam_role.scheduler.id

  policy = data.aws_iam_policy_document.scheduler_invokes_reporter.json
}

data "aws_iam_policy_document" "scheduler_invokes_reporter" {
  statement {
    actions   = ["lambda:InvokeFunction"]
    resources = [module.reporter.function_arn]
  }
}

# --- api: HTTP API ($default stage, so paths reach Nest unprefixed) -------------------------

resource "aws_apigatewayv2_api" "http" {
  name          = "${local.name}-api"
  protocol_type = "HTTP"

  dynamic "cors_configuration" {
    for_each = length(var.cors_allow_origins) > 0 ? [1] : []
    content {
      allow_origins = var.cors_allow_origins
      allow_methods = ["GET", "POST", "PUT", "OPTIONS"]
      allow_headers = ["authorization", "content-type", "x-api-key", "apollo-require-preflight"]
      max_age       = 3600
    }
  }
}

resource "aws_apigatewayv2_integration" "api" {
  api_id                 = aws_apigatewayv2_api.http.id
  integration_type       = "AWS_PROXY"
  integration_uri        = module.api.invoke_arn
  payload_format_version = "2.0"
  timeout_milliseconds   = 30000
}

resource "aws_apigatewayv2_route" "default" {
  api_id    = aws_apigatewayv2_api.http.id
  route_key = "$default"
  target    = "integrations/${aws_apigatewayv2_integration.api.id}"
}

resource "aws_cloudwatch_log_group" "api_access" {
  name              = "/aws/apigateway/${local.name}-api"
  retention_in_days = var.log_retention_days
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = true

  default_route_settings {
    throttling_rate_limit  = var.api_throttling_rate_limit
    throttling_burst_limit = var.api_throttling_burst_limit
  }

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access.arn
    # status and latencyMs unquoted, so Logs Insights compares them as numbers (latencyMs > 1000).
    format = join("", [
      "{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\",\"requestTime\":\"$context.requestTime\",",
      "\"httpMethod\":\"$context.httpMethod\",\"path\":\"$context.path\",\"status\":$context.status,",
      "\"responseLength\":\"$context.responseLength\",\"latencyMs\":$context.responseLatency,",
      "\"integrationError\":\"$context.integrationErrorMessage\"}",
    ])
  }
}

resource "aws_lambda_permission" "api_gateway" {
  statement_id  = "AllowHttpApi"
  action        = "lambda:InvokeFunction"
  function_name = module.api.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.http.execution_arn}/*/*"
}
