variable "name" {
  description = "Globally unique bucket name."
  type        = string
}

variable "expire_after_days" {
  description = "Delete current objects this many days after creation; null keeps them."
  type        = number
  default     = null
}

variable "glacier_transition_days" {
  description = "Move objects to S3 Glacier Flexible Retrieval after this many days; null never."
  type        = number
  default     = null
}

variable "noncurrent_expire_after_days" {
  description = "Delete overwritten or deleted object versions this many days later."
  type        = number
  default     = 30
}

variable "force_destroy" {
  description = "Let terraform destroy a non-empty bucket."
  type        = bool
  default     = false
}
