terraform {
  required_version = ">= 1.6.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 5.80+ for the resources used here (Scheduler, managed RDS master secrets, split S3 bucket
      # resources); 6.x works too.
      version = ">= 5.80, < 7.0"
    }
  }
}
