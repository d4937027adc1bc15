# S3 "Object Created" (raw bucket) → EventBridge rule → SQS processing queue → processor Lambda.
# A message received three times without success moves to the dead-letter queue.

locals {
  # Lambda's guidance for SQS event sources: at least six times the function timeout, so a
  # message is not redelivered while a retried invocation may still be running.
  processing_visibility_timeout_seconds = 6 * var.lambda_timeout_seconds
  max_receive_count                     = 3
}

resource "aws_sqs_queue" "dlq" {
  name                      = "${local.name}-processing-dlq"
  message_retention_seconds = 1209600 # 14 days, the maximum: time to fix the cause and replay
  sqs_managed_sse_enabled   = true
}

resource "aws_sqs_queue" "processing" {
  name                       = "${local.name}-processing"
  visibility_timeout_seconds = local.processing_visibility_timeout_seconds
  message_retention_seconds  = 345600 # 4 days
  receive_wait_time_seconds  = 20
  sqs_managed_sse_enabled    = true # SSE-SQS: EventBridge can deliver to it without a KMS key policy

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dlq.arn
    maxReceiveCount     = local.max_receive_count
  })
}

resource "aws_sqs_queue_redrive_allow_policy" "dlq" {
  queue_url = aws_sqs_queue.dlq.id

  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.processing.arn]
  })
}

resource "aws_cloudwatch_event_rule" "raw_object_created" {
  name        = "${local.name}-raw-object-created"
  description = "Every object created in the raw bucket"

  event_pattern = jsonencode({
    source        = ["aws.s3"]
    "detail-type" = ["Object Created"]
    detail = {
      bucket = { name = [module.raw_bucket.id] }
    }
  })
}

resource "aws_cloudwatch_event_target" "processing_queue" {
  rule      = aws_cloudwatch_event_rule.raw_object_created.name
  target_id = "processing-queue"
  arn       = aws_sqs_queue.processing.arn
}

resource "aws_sqs_queue_policy" "processing" {
  queue_url = aws_sqs_queue.processing.id
  policy    = data.aws_iam_policy_document.processing_queue.json
}

data "aws_iam_policy_document" "processing_queue" {
  statement {
    sid       = "OnlyTheRawObjectCreatedRule"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.processing.arn]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudwatch_event_rule.raw_object_created.arn]
    }
  }
}
