locals {
  name       = "${var.project_name}-${var.environment}"
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition

  tags = {
    Project     = var.project_name
    Environment = var.environment
    ManagedBy   = "terraform"
  }

  # Known before the functions exist, so log groups, alarms and policies can name them
  # without dependency cycles.
  function_names = {
    api       = "${local.name}-api"
    processor = "${local.name}-processor"
    reporter  = "${local.name}-reporter"
  }

  # Empty unless enable_source_maps: Node parses every source map at load when it is on.
  node_options = var.enable_source_maps ? "--enable-source-maps" : ""

  package_dir = var.lambda_package_dir != "" ? var.lambda_package_dir : "${path.module}/../../dist/lambda"

  report_hour   = tonumber(split(":", var.daily_report_time_utc)[0])
  report_minute = tonumber(split(":", var.daily_report_time_utc)[1])

  # The RDS-managed master secret holds only username and password; the handlers get the rest
  # of the connection from DB_HOST / DB_PORT / DB_NAME.
  db_name = "pipeline"
}
