# Partial backend configuration: the state bucket, the lock table and their region are given at
# init time, so one configuration serves every account and environment (CI passes the secrets
# TF_STATE_BUCKET and TF_LOCK_TABLE):
#
#   terraform init \
#     -backend-config="bucket=$TF_STATE_BUCKET" \
#     -backend-config="dynamodb_table=$TF_LOCK_TABLE" \
#     -backend-config="region=us-east-1" \
#     -backend-config="key=data-pipeline/prod.tfstate"
#
# `terraform init -backend=false` is enough for `terraform validate`.
terraform {
  backend "s3" {
    key     = "data-pipeline/terraform.tfstate"
    encrypt = true
  }
}
