variable "function_name" {
  description = "Lambda function name; also names its role and log group."
  type        = string
}

variable "description" {
  description = "What the function does."
  type        = string
}

variable "package_file" {
  description = "Zip built by `npm run build:lambdas` (index.mjs, chunks/*.mjs, source maps)."
  type        = string
}

variable "handler" {
  description = "Module and export of the handler inside the zip."
  type        = string
  default     = "index.handler"
}

variable "timeout_seconds" {
  description = "Function timeout."
  type        = number
}

variable "memory_mb" {
  description = "Function memory."
  type        = number
}

variable "ephemeral_storage_mb" {
  description = "Size of /tmp."
  type        = number
  default     = 512
}

variable "environment" {
  description = "Environment variables: exactly the ones the function's code reads (checked by test/infra)."
  type        = map(string)
}

variable "policy_json" {
  description = "IAM policy with the AWS actions the function's code calls, on the resources it uses."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets the function runs in."
  type        = list(string)
}

variable "security_group_ids" {
  description = "Security groups of the function's network interfaces."
  type        = list(string)
}

variable "log_retention_days" {
  description = "Retention of the function's log group."
  type        = number
}

variable "enable_xray" {
  description = "Active X-Ray tracing."
  type        = bool
  default     = false
}

variable "layers" {
  description = "Layer versions the function needs (the native layer when its bundle loads a native package)."
  type        = list(string)
  default     = []
}
