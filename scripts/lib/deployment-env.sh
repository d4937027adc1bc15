# Sourced by deploy_lambdas.sh, verify_deployment.sh and test_pipeline.sh: how they find the
# deployment's resources and talk to AWS (or to an emulator when AWS_ENDPOINT_URL is set).
#
# A resource name comes from, in order:
#   1. the environment, under the name the Lambdas use (RAW_BUCKET, DLQ_URL, …) — what
#      `eval "$(npx pipeline aws provision)"` exports for an emulator;
#   2. `terraform output` in infra/terraform (TF_DIR), when its state is reachable;
#   3. for function names only, the naming convention ${PROJECT_NAME}-${ENVIRONMENT}-<function>.

ROOT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TF_DIR=${TF_DIR:-$ROOT_DIR/infra/terraform}
PROJECT_NAME=${PROJECT_NAME:-data-pipeline}
ENVIRONMENT=${ENVIRONMENT:-dev}
LAMBDA_FUNCTIONS=(api processor reporter)

# aws-cli v1 ignores AWS_ENDPOINT_URL for some services (rds), so pass it explicitly.
aws_cli() {
  if [ -n "${AWS_ENDPOINT_URL:-}" ]; then aws --endpoint-url "$AWS_ENDPOINT_URL" "$@"; else aws "$@"; fi
}

_tf_outputs_json=""
_tf_outputs_loaded=0
tf_output() {
  if [ "$_tf_outputs_loaded" = 0 ]; then
    _tf_outputs_loaded=1
    if command -v terraform >/dev/null 2>&1 && [ -d "$TF_DIR/.terraform" ]; then
      _tf_outputs_json=$(terraform -chdir="$TF_DIR" output -json 2>/dev/null || true)
    fi
  fi
  [ -n "$_tf_outputs_json" ] || return 0
  printf '%s' "$_tf_outputs_json" | jq -r --arg k "$1" '.[$k].value // empty | if type == "array" then .[] else . end'
}

# resource ENV_NAME TF_OUTPUT → the value, or empty when neither source knows it.
resource() {
  local from_env=${!1:-}
  if [ -n "$from_env" ]; then printf '%s\n' "$from_env"; else tf_output "$2"; fi
}

function_name() {
  local upper
  upper=$(printf '%s' "$1" | tr '[:lower:]' '[:upper:]')
  local name
  name=$(resource "${upper}_FUNCTION_NAME" "${1}_function_name")
  printf '%s\n' "${name:-$PROJECT_NAME-$ENVIRONMENT-$1}"
}

# The native layer's and each function's SHA-256 as build:lambdas recorded them.
manifest_value() {
  local manifest=$ROOT_DIR/dist/lambda/manifest.json
  [ -f "$manifest" ] || return 0
  jq -r "$1 // empty" "$manifest"
}

say() { printf '%s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

require_tools() {
  local tool
  for tool in "$@"; do command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed (see docs/DEPLOYMENT.md, Prerequisites)"; done
}
