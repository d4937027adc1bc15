#!/usr/bin/env bash
# Checks a deployment: every resource exists and is configured as Terraform declares it, each
# Lambda answers {"test": true}, and every alarm is in OK.
#
#   ./scripts/verify_deployment.sh [REGION]
#
# Resource names come from the environment or `terraform output` (scripts/lib/deployment-env.sh).
# VERIFY_INVOKE=aws invokes the deployed functions; VERIFY_INVOKE=local runs the built zips in a
# local node process with each function's deployed environment (the default when
# AWS_ENDPOINT_URL is set: emulators cannot run Lambda code without Docker). ALLOW_INSUFFICIENT_DATA=1
# accepts alarms that have not seen data yet (a fresh deployment). Exit 1 when a check fails.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/deployment-env.sh"

export AWS_REGION=${1:-${AWS_REGION:-us-east-1}} AWS_DEFAULT_REGION=${1:-${AWS_REGION:-us-east-1}}
require_tools aws jq
if [ -n "${AWS_ENDPOINT_URL:-}" ]; then invoke_mode=${VERIFY_INVOKE:-local}; else invoke_mode=${VERIFY_INVOKE:-aws}; fi

passed=0 failed=0 skipped=0
pass() { passed=$((passed + 1)); say "  ok    $*"; }
fail() { failed=$((failed + 1)); say "  FAIL  $*"; }
skip() { skipped=$((skipped + 1)); say "  skip  $*"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

check_bucket() {
  local label=$1 bucket
  bucket=$(resource "$2" "$3")
  [ -n "$bucket" ] || { fail "$label bucket: unknown (set $2 or run terraform apply)"; return; }
  if ! aws_cli s3api head-bucket --bucket "$bucket" >/dev/null 2>&1; then fail "$label bucket $bucket does not exist"; return; fi
  local versioning encryption public
  versioning=$(aws_cli s3api get-bucket-versioning --bucket "$bucket" --query Status --output text 2>/dev/null || true)
  encryption=$(aws_cli s3api get-bucket-encryption --bucket "$bucket" \
    --query 'ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault.SSEAlgorithm' --output text 2>/dev/null || true)
  public=$(aws_cli s3api get-public-access-block --bucket "$bucket" --output json 2>/dev/null |
    jq -r '[.PublicAccessBlockConfiguration[]] | all' 2>/dev/null || true)
  if [ "$versioning" = Enabled ] && [ -n "$encryption" ] && [ "$encryption" != None ] && [ "$public" = true ]; then
    pass "$label bucket $bucket (versioned, $encryption, public access blocked)"
  else
    fail "$label bucket $bucket: versioning=${versioning:-none} encryption=${encryption:-none} public-access-blocked=${public:-no}"
  fi
}

check_queue() {
  local label=$1 url attrs
  url=$(resource "$2" "$3")
  [ -n "$url" ] || { fail "$label: unknown (set $2 or run terraform apply)"; return; }
  if ! attrs=$(aws_cli sqs get-queue-attributes --queue-url "$url" --attribute-names All --output json 2>/dev/null); then
    fail "$label $url does not exist"
    return
  fi
  local depth redrive
  depth=$(jq -r '.Attributes.ApproximateNumberOfMessages' <<<"$attrs")
  redrive=$(jq -r '.Attributes.RedrivePolicy // empty | fromjson | .maxReceiveCount' <<<"$attrs")
  if [ "$label" = "processing queue" ] && [ "$redrive" != 3 ]; then
    fail "$label $url: redrive maxReceiveCount is ${redrive:-unset}, expected 3"
  else
    pass "$label ($depth messages waiting)"
  fi
}

check_table() {
  local label=$1 table status
  table=$(resource "$2" "$3")
  [ -n "$table" ] || { fail "$label: unknown (set $2 or run terraform apply)"; return; }
  status=$(aws_cli dynamodb describe-table --table-name "$table" --query Table.TableStatus --output text 2>/dev/null || true)
  if [ "$status" = ACTIVE ]; then pass "$label $table"; else fail "$label $table: ${status:-does not exist}"; fi
}

check_topic() {
  local label=$1 arn
  arn=$(resource "$2" "$3")
  [ -n "$arn" ] || { fail "$label: unknown (set $2 or run terraform apply)"; return; }
  if aws_cli sns get-topic-attributes --topic-arn "$arn" >/dev/null 2>&1; then pass "$label $arn"; else fail "$label $arn does not exist"; fi
}

# Lambda's own answer to {"test": true}: no function error, and nothing in it saying unhealthy.
healthy_response() {
  jq -e '(type != "object") or ((.ok != false) and (.healthy != false) and (((.status // "ok") | tostring | ascii_downcase | test("error|fail|unhealthy")) | not))' "$1" >/dev/null 2>&1
}

invoke_test_event() {
  local fn=$1 name=$2 out=$work/$1.json meta env
  printf '{"test": true}' >"$work/payload.json"
  : >"$out"
  if [ "$invoke_mode" = local ]; then
    env=$(aws_cli lambda get-function-configuration --function-name "$name" --query Environment.Variables --output json)
    meta=$(node "$ROOT_DIR/dist/scripts/invoke_lambda_local.js" "$fn" --function-name "$name" --payload '{"test": true}' --env-json "$env" "$out" 2>"$work/$fn.log") ||
      meta="{\"FunctionError\":\"$(tail -n 1 "$work/$fn.log" | tr -d '"\\')\"}"
  else
    meta=$(aws_cli lambda invoke --function-name "$name" --payload "fileb://$work/payload.json" "$out") || meta='{"FunctionError":"invoke failed"}'
  fi
  if jq -e '.FunctionError' <<<"$meta" >/dev/null 2>&1 || ! healthy_response "$out"; then
    fail "$name answered {\"test\": true} with $(head -c 400 "$out") ($invoke_mode invoke)"
  else
    pass "$name answers {\"test\": true}: $(head -c 200 "$out") ($invoke_mode invoke)"
  fi
}

check_function() {
  local fn=$1 name config
  name=$(function_name "$fn")
  if ! config=$(aws_cli lambda get-function-configuration --function-name "$name" --output json 2>/dev/null); then
    fail "function $name does not exist"
    return
  fi
  local state update runtime
  state=$(jq -r '.State // "Active"' <<<"$config")
  update=$(jq -r '.LastUpdateStatus // "Successful"' <<<"$config")
  runtime=$(jq -r '.Runtime' <<<"$config")
  if [ "$state" != Active ] || [ "$update" != Successful ] || [ "$runtime" != nodejs22.x ]; then
    fail "function $name: state=$state lastUpdate=$update runtime=$runtime"
    return
  fi
  pass "function $name ($runtime, $(jq -r '.CodeSize' <<<"$config") bytes)"
  invoke_test_event "$fn" "$name"
}

check_rds() {
  local id status
  id=$(resource RDS_DB_ID rds_db_id)
  [ -n "$id" ] || { skip "RDS: no RDS_DB_ID and no terraform output rds_db_id (an emulator setup uses DATABASE_URL instead)"; return; }
  status=$(aws_cli rds describe-db-instances --db-instance-identifier "$id" --query 'DBInstances[0].[DBInstanceStatus,StorageEncrypted]' --output text 2>/dev/null || true)
  if [[ "$status" == available*True ]]; then pass "RDS $id (available, storage encrypted)"; else fail "RDS $id: ${status:-does not exist}"; fi
}

check_alarms() {
  local names json count not_ok
  names=$(resource ALARM_NAMES alarm_names | tr '\n' ' ')
  if [ -n "${names// /}" ]; then
    # shellcheck disable=SC2086 # one argument per alarm name
    json=$(aws_cli cloudwatch describe-alarms --alarm-names $names --output json)
  else
    json=$(aws_cli cloudwatch describe-alarms --alarm-name-prefix "$PROJECT_NAME-$ENVIRONMENT-" --output json)
  fi
  count=$(jq '.MetricAlarms | length' <<<"$json")
  [ "$count" -gt 0 ] || { fail "alarms: none found (expected the 7 from infra/terraform/monitoring.tf)"; return; }
  not_ok=$(jq -r --arg allow "${ALLOW_INSUFFICIENT_DATA:-0}" \
    '.MetricAlarms[] | select(.StateValue != "OK" and ($allow != "1" or .StateValue != "INSUFFICIENT_DATA")) | "\(.AlarmName)=\(.StateValue)"' <<<"$json")
  if [ -z "$not_ok" ]; then pass "$count alarms in OK"; else fail "alarms not OK: $(tr '\n' ' ' <<<"$not_ok")"; fi
}

check_api() {
  local endpoint status
  endpoint=$(resource API_ENDPOINT api_endpoint)
  [ -n "$endpoint" ] || { skip "API endpoint: no API_ENDPOINT and no terraform output api_endpoint"; return; }
  status=$(curl -s -o "$work/health.json" -w '%{http_code}' --max-time 30 "${endpoint%/}/health" || true)
  if [ "$status" = 200 ]; then pass "API ${endpoint%/}/health answers 200"; else fail "API ${endpoint%/}/health answered ${status:-nothing}"; fi
}

say "== verifying $PROJECT_NAME ($ENVIRONMENT) in $AWS_REGION${AWS_ENDPOINT_URL:+ at $AWS_ENDPOINT_URL}"
check_bucket raw RAW_BUCKET raw_bucket
check_bucket processed PROCESSED_BUCKET processed_bucket
check_bucket reports REPORTS_BUCKET reports_bucket
check_queue "processing queue" PROCESSING_QUEUE_URL processing_queue_url
check_queue "dead-letter queue" DLQ_URL dlq_url
check_table "event table" EVENT_TABLE event_table
check_table "report history table" REPORT_HISTORY_TABLE report_history_table
check_topic "alerts topic" ALERTS_TOPIC_ARN alerts_topic_arn
check_topic "reports topic" REPORTS_TOPIC_ARN reports_topic_arn
for fn in "${LAMBDA_FUNCTIONS[@]}"; do check_function "$fn"; done
check_rds
check_alarms
check_api
say "== $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
