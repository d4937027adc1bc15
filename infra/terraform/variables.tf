variable "aws_region" {
  description = "Region everything is created in."
  type        = string
  default     = "us-east-1"
}

variable "environment" {
  description = "Environment name (dev, staging, prod); part of every resource name and the ENVIRONMENT the code sees."
  type        = string
  default     = "dev"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,15}$", var.environment))
    error_message = "environment must be 2-16 characters: lower-case letters, digits and dashes, starting with a letter."
  }
}

variable "project_name" {
  description = "Prefix of every resource name."
  type        = string
  default     = "data-pipeline"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,23}$", var.project_name))
    error_message = "project_name must be 2-24 characters: lower-case letters, digits and dashes, starting with a letter."
  }
}

variable "lambda_timeout_seconds" {
  description = "Timeout of the processor and reporter Lambdas. The processing queue's visibility timeout is six times this."
  type        = number
  default     = 300

  validation {
    condition     = var.lambda_timeout_seconds >= 30 && var.lambda_timeout_seconds <= 900
    error_message = "lambda_timeout_seconds must be between 30 and 900."
  }
}

variable "api_timeout_seconds" {
  description = "Timeout of the api Lambda; API Gateway gives up after 30 s anyway."
  type        = number
  default     = 29
}

variable "lambda_memory_mb" {
  description = "Memory of each Lambda (CPU scales with it)."
  type        = number
  default     = 512

  validation {
    condition     = var.lambda_memory_mb >= 128 && var.lambda_memory_mb <= 10240
    error_message = "lambda_memory_mb must be between 128 and 10240."
  }
}

variable "processor_ephemeral_storage_mb" {
  description = "/tmp of the processor, where Parquet is staged before upload."
  type        = number
  default     = 2048
}

variable "processor_max_concurrency" {
  description = "Most concurrent processor invocations the SQS event source mapping starts (2-1000); bounds RDS connections."
  type        = number
  default     = 5
}

variable "rds_instance_class" {
  description = "RDS PostgreSQL instance class."
  type        = string
  default     = "db.t4g.micro"
}

variable "rds_engine_version" {
  description = "PostgreSQL major (or major.minor) version."
  type        = string
  default     = "16"
}

variable "rds_allocated_storage_gb" {
  description = "Initial RDS storage; storage autoscaling grows it up to rds_max_allocated_storage_gb."
  type        = number
  default     = 20
}

variable "rds_max_allocated_storage_gb" {
  description = "Upper bound for RDS storage autoscaling."
  type        = number
  default     = 100
}

variable "rds_backup_retention_days" {
  description = "Days of automated RDS backups (point-in-time restore window)."
  type        = number
  default     = 7
}

variable "rds_multi_az" {
  description = "Run RDS with a standby in a second availability zone."
  type        = bool
  default     = false
}

variable "deletion_protection" {
  description = "Refuse to delete the RDS instance and the DynamoDB tables (turn off before `terraform destroy`); also keeps a final RDS snapshot."
  type        = bool
  default     = true
}

variable "daily_report_time_utc" {
  description = "When the daily report runs, HH:MM in UTC."
  type        = string
  default     = "08:00"

  validation {
    condition     = can(regex("^([01][0-9]|2[0-3]):[0-5][0-9]$", var.daily_report_time_utc))
    error_message = "daily_report_time_utc must be HH:MM (00:00-23:59)."
  }
}

variable "alert_email" {
  description = "E-mail address subscribed to the alerts topic (confirm the e-mail AWS sends); empty for none."
  type        = string
  default     = ""
}

variable "raw_data_retention_days" {
  description = "Days raw inputs are kept before they expire."
  type        = number
  default     = 90
}

variable "processed_data_retention_days" {
  description = "Days Parquet, JSON Lines and quarantine files are kept before they expire."
  type        = number
  default     = 365
}

variable "reports_glacier_transition_days" {
  description = "Days after which report artefacts move to S3 Glacier Flexible Retrieval."
  type        = number
  default     = 90
}

variable "enable_enhanced_monitoring" {
  description = "RDS enhanced monitoring (OS metrics every 60 s) and Performance Insights."
  type        = bool
  default     = true
}

variable "enable_xray" {
  description = "Active X-Ray tracing on the Lambdas."
  type        = bool
  default     = false
}

variable "enable_source_maps" {
  description = "Run the functions with NODE_OPTIONS=--enable-source-maps, so stack traces in the logs point into the TypeScript sources. Costs about 60 ms on every cold start (Node parses the bundle's source maps at load), so it is off by default; the maps ship in the zips either way."
  type        = bool
  default     = false
}

variable "log_retention_days" {
  description = "Retention of the Lambda and API Gateway log groups."
  type        = number
  default     = 30
}

variable "vpc_cidr" {
  description = "CIDR of the VPC created for the Lambdas and RDS."
  type        = string
  default     = "10.40.0.0/16"
}

variable "use_nat_gateway" {
  description = "Reach SQS, SNS, Secrets Manager and CloudWatch through a NAT gateway instead of interface VPC endpoints."
  type        = bool
  default     = false
}

variable "api_throttling_rate_limit" {
  description = "Steady-state requests per second API Gateway lets through."
  type        = number
  default     = 50
}

variable "api_throttling_burst_limit" {
  description = "Burst of requests API Gateway lets through."
  type        = number
  default     = 100
}

variable "cors_allow_origins" {
  description = "Origins allowed to call the API from a browser; empty disables CORS."
  type        = list(string)
  default     = []
}

variable "lambda_package_dir" {
  description = "Folder holding api.zip, processor.zip and reporter.zip (`npm run build:lambdas`); empty means dist/lambda of this checkout."
  type        = string
  default     = ""
}

variable "force_destroy_buckets" {
  description = "Let `terraform destroy` delete non-empty buckets (for throwaway environments only)."
  type        = bool
  default     = false
}

variable "parquet_rows_per_file" {
  description = "Rows per Parquet file before the processor starts the next part (PARQUET_ROWS_PER_FILE)."
  type        = number
  default     = 1000000
}

variable "report_link_expiry_seconds" {
  description = "Lifetime asked for the presigned report links (REPORT_LINK_EXPIRY_SECONDS). They are signed with the functions' temporary credentials, which can end sooner."
  type        = number
  default     = 43200
}
