# What each function's code calls, on the resources it uses (the Lambda module adds logs, VPC
# networking and X-Ray). test/infra/iam-least-privilege.spec.ts compares these actions with the
# AWS SDK commands in the code each handler reaches: nothing granted that is never called, and
# every call granted to some function. Which function gets which call follows its code path.

data "aws_kms_alias" "sns" {
  name = "alias/aws/sns"
}

data "aws_iam_policy_document" "processor" {
  statement {
    sid       = "ReadRawObjects"
    actions   = ["s3:GetObject"]
    resources = ["${module.raw_bucket.arn}/*"]
  }

  statement {
    sid       = "WriteProcessedObjects"
    actions   = ["s3:PutObject", "s3:GetObject", "s3:DeleteObject", "s3:AbortMultipartUpload"]
    resources = ["${module.processed_bucket.arn}/*"]
  }

  statement {
    sid       = "ListRawAndProcessed"
    actions   = ["s3:ListBucket"] # lets a missing object read as 404 rather than 403
    resources = [module.raw_bucket.arn, module.processed_bucket.arn]
  }

  statement {
    sid = "ConsumeProcessingQueue"
    actions = [
      "sqs:ReceiveMessage",
      "sqs:DeleteMessage",
      "sqs:ChangeMessageVisibility",
      "sqs:GetQueueAttributes",
    ]
    resources = [aws_sqs_queue.processing.arn]
  }

  statement {
    sid       = "DeadLetterDepth"
    actions   = ["sqs:GetQueueAttributes"]
    resources = [aws_sqs_queue.dlq.arn]
  }

  statement {
    sid       = "AppendAndReadEvents"
    actions   = ["dynamodb:Query", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:ConditionCheckItem"]
    resources = [aws_dynamodb_table.events.arn]
  }

  statement {
    sid       = "DatabaseCredentials"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [local.db_secret_arn]
  }
}

data "aws_iam_policy_document" "reporter" {
  statement {
    sid       = "WriteReports"
    actions   = ["s3:PutObject", "s3:GetObject", "s3:AbortMultipartUpload"]
    resources = ["${module.reports_bucket.arn}/*"]
  }

  statement {
    sid       = "ListReports"
    actions   = ["s3:ListBucket"]
    resources = [module.reports_bucket.arn]
  }

  statement {
    sid       = "AppendAndReadEvents"
    actions   = ["dynamodb:Query", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:ConditionCheckItem"]
    resources = [aws_dynamodb_table.events.arn]
  }

  statement {
    sid       = "ReportHistory"
    actions   = ["dynamodb:Query", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]
    resources = [aws_dynamodb_table.report_history.arn]
  }

  statement {
    sid       = "DeadLetterDepth"
    actions   = ["sqs:GetQueueAttributes"]
    resources = [aws_sqs_queue.dlq.arn]
  }

  statement {
    sid       = "PublishReports"
    actions   = ["sns:Publish", "sns:ListSubscriptionsByTopic"]
    resources = [aws_sns_topic.reports.arn]
  }

  statement {
    sid       = "EncryptReportsTopicMessages"
    actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
    resources = [data.aws_kms_alias.sns.target_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["sns.${var.aws_region}.amazonaws.com"]
    }
  }

  statement {
    sid       = "DatabaseCredentials"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [local.db_secret_arn]
  }
}

data "aws_iam_policy_document" "api" {
  statement {
    sid       = "KeepIngestPayloadsAndSignUploads"
    actions   = ["s3:PutObject", "s3:GetObject"]
    resources = ["${module.raw_bucket.arn}/*"]
  }

  statement {
    sid       = "ReadProcessedAndReports"
    actions   = ["s3:GetObject"]
    resources = ["${module.processed_bucket.arn}/*", "${module.reports_bucket.arn}/*"]
  }

  statement {
    sid       = "EnqueueRetries"
    actions   = ["sqs:SendMessage", "sqs:GetQueueAttributes"]
    resources = [aws_sqs_queue.processing.arn]
  }

  statement {
    sid = "ReplayDeadLetters"
    actions = [
      "sqs:ReceiveMessage",
      "sqs:DeleteMessage",
      "sqs:GetQueueAttributes",
      "sqs:StartMessageMoveTask",
      "sqs:ListMessageMoveTasks",
    ]
    resources = [aws_sqs_queue.dlq.arn]
  }

  statement {
    sid       = "AppendAndReadEvents"
    actions   = ["dynamodb:Query", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:ConditionCheckItem"]
    resources = [aws_dynamodb_table.events.arn]
  }

  statement {
    sid       = "ReadReportHistory"
    actions   = ["dynamodb:Query", "dynamodb:GetItem"]
    resources = [aws_dynamodb_table.report_history.arn]
  }

  statement {
    sid       = "ManageReportSubscriptions"
    actions   = ["sns:Subscribe", "sns:Unsubscribe", "sns:ListSubscriptionsByTopic"]
    resources = [aws_sns_topic.reports.arn]
  }

  statement {
    sid       = "DatabaseCredentials"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [local.db_secret_arn]
  }
}
