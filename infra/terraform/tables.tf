# The event store and the report history: on demand, point-in-time recovery, encrypted with
# the AWS-managed DynamoDB key. Key names match libs/adapters (and `pipeline aws provision`).

resource "aws_dynamodb_table" "events" {
  name         = "${local.name}-events"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "streamId"
  range_key    = "version"

  attribute {
    name = "streamId"
    type = "S"
  }

  attribute {
    name = "version"
    type = "N"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }

  deletion_protection_enabled = var.deletion_protection
}

resource "aws_dynamodb_table" "report_history" {
  name         = "${local.name}-report-history"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "date"
  range_key    = "version"

  attribute {
    name = "date"
    type = "S"
  }

  attribute {
    name = "version"
    type = "N"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }

  deletion_protection_enabled = var.deletion_protection
}
