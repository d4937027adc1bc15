# Raw inputs, processed outputs (Parquet, JSON Lines, quarantine) and report artefacts.
# Bucket names carry the account id because S3 names are global.

module "raw_bucket" {
  source = "./modules/data_bucket"

  name              = "${local.name}-raw-${local.account_id}"
  expire_after_days = var.raw_data_retention_days
  force_destroy     = var.force_destroy_buckets
}

module "processed_bucket" {
  source = "./modules/data_bucket"

  name              = "${local.name}-processed-${local.account_id}"
  expire_after_days = var.processed_data_retention_days
  force_destroy     = var.force_destroy_buckets
}

module "reports_bucket" {
  source = "./modules/data_bucket"

  name                    = "${local.name}-reports-${local.account_id}"
  glacier_transition_days = var.reports_glacier_transition_days
  force_destroy           = var.force_destroy_buckets
}

# Every "Object Created" in the raw bucket goes to EventBridge (rule in queues.tf).
resource "aws_s3_bucket_notification" "raw_to_eventbridge" {
  bucket      = module.raw_bucket.id
  eventbridge = true
}
