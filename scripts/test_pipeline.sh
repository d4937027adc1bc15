#!/usr/bin/env bash
# End-to-end smoke test of a deployment: uploads a small CSV to the raw bucket, waits until the
# pipeline has processed it and checks the outputs.
#
#   ./scripts/test_pipeline.sh [REGION]
#
# The fixture (dataset ${SMOKE_DATASET:-pipeline_smoke}) has 5 good rows and 1 ragged row, each
# tagged with this run's id. Passes when, within ${SMOKE_TIMEOUT_SECONDS:-300} s:
#   - processed/dataset=<d>/ingest_date=<day>/<id>.jsonl holds the 5 good rows (and a .parquet sits beside it),
#   - quarantine/dataset=<d>/<id>.rejected.jsonl holds the ragged row,
#   - the event table's stream ingestion-<id> ends with IngestionCompleted (when EVENT_TABLE is known).
# Resource names as in verify_deployment.sh. Against an emulator (AWS_ENDPOINT_URL) something must
# deliver the queue to the processor meanwhile, e.g. `npx pipeline aws poll`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/deployment-env.sh"

export AWS_REGION=${1:-${AWS_REGION:-us-east-1}} AWS_DEFAULT_REGION=${1:-${AWS_REGION:-us-east-1}}
require_tools aws jq
dataset=${SMOKE_DATASET:-pipeline_smoke}
timeout=${SMOKE_TIMEOUT_SECONDS:-300}
raw=$(resource RAW_BUCKET raw_bucket)
processed=$(resource PROCESSED_BUCKET processed_bucket)
events=$(resource EVENT_TABLE event_table)
[ -n "$raw" ] && [ -n "$processed" ] || die "raw/processed bucket unknown: set RAW_BUCKET and PROCESSED_BUCKET or run terraform apply"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run_id="smoke-$(date -u +%Y%m%dT%H%M%SZ)-$RANDOM"
fixture=$work/$run_id.csv
{
  echo "id,run_id,amount,created_at"
  for i in 1 2 3 4 5; do echo "$i,$run_id,$i.50,2026-01-0${i}T10:00:00Z"; done
  echo "6,$run_id,ragged,row,with,too,many,columns"
} >"$fixture"

key="raw/$dataset/$run_id.csv"
started=$(date -u +%s)
aws_cli s3 cp --only-show-errors "$fixture" "s3://$raw/$key"
say "== uploaded s3://$raw/$key; waiting up to ${timeout} s for it to be processed"

# The JSON Lines output is named after the ingestion id; find the one holding this run's rows.
find_output() {
  local keys candidate
  keys=$(aws_cli s3api list-objects-v2 --bucket "$processed" --prefix "processed/dataset=$dataset/" --output json |
    jq -r --argjson since "$((started - 120))" \
      '.Contents // [] | map(select((.Key | endswith(".jsonl")) and ((.LastModified | sub("\\.[0-9]+";"") | sub("\\+00:00$";"Z") | fromdateiso8601) >= $since))) | .[].Key')
  for candidate in $keys; do
    aws_cli s3 cp --only-show-errors "s3://$processed/$candidate" "$work/out.jsonl"
    if grep -q "$run_id" "$work/out.jsonl"; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  return 1
}

output=""
while [ $(($(date -u +%s) - started)) -lt "$timeout" ]; do
  if output=$(find_output); then break; fi
  output=""
  sleep 5
done
[ -n "$output" ] || die "no processed output for $key after ${timeout} s (check the processor's logs and the DLQ: docs/TROUBLESHOOTING.md)"
ingestion_id=$(basename "$output" .jsonl)
say "== processed as ingestion $ingestion_id ($output) after $(($(date -u +%s) - started)) s"

failures=0
check() {
  if eval "$2"; then say "  ok    $1"; else say "  FAIL  $1"; failures=$((failures + 1)); fi
}

rows=$(grep -c "$run_id" "$work/out.jsonl" || true)
check "JSON Lines output holds the 5 good rows (found $rows)" '[ "$rows" -eq 5 ]'
parquet=$(aws_cli s3api list-objects-v2 --bucket "$processed" --prefix "${output%.jsonl}" --output json | jq -r '[.Contents[]?.Key | select(endswith(".parquet"))] | length')
check "Parquet output beside it ($parquet file(s))" '[ "$parquet" -ge 1 ]'
quarantine="quarantine/dataset=$dataset/$ingestion_id.rejected.jsonl"
quarantined=$(aws_cli s3 cp --only-show-errors "s3://$processed/$quarantine" - 2>/dev/null | wc -l || true)
check "the ragged row is in $quarantine ($quarantined line(s))" '[ "$quarantined" -eq 1 ]'
if [ -n "$events" ]; then
  last=$(aws_cli dynamodb query --table-name "$events" --key-condition-expression 'streamId = :s' \
    --expression-attribute-values "{\":s\":{\"S\":\"ingestion-$ingestion_id\"}}" --no-scan-index-forward --max-items 1 --output json |
    jq -c '.Items[0] // {}')
  check "event stream ingestion-$ingestion_id ends with IngestionCompleted" 'grep -q IngestionCompleted <<<"$last"'
else
  say "  skip  event stream check: EVENT_TABLE unknown"
fi

if [ "$failures" -gt 0 ]; then die "$failures check(s) failed for ingestion $ingestion_id"; fi
say "== pipeline smoke test passed ($run_id → $ingestion_id)"
