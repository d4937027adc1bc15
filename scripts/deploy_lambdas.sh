#!/usr/bin/env bash
# Builds and deploys Lambda code to the functions Terraform created.
#
#   ./scripts/deploy_lambdas.sh all|api|processor|reporter REGION
#
# Builds dist/lambda/<name>.zip (npm run build:lambdas; SKIP_BUILD=1 uses the zips already
# there), uploads each zip whose SHA-256 differs from the deployed code, publishes a version and
# waits until the function is updated. Function names: <NAME>_FUNCTION_NAME, Terraform's
# <name>_function_name output, or ${PROJECT_NAME:-data-pipeline}-${ENVIRONMENT:-dev}-<name>.
# FORCE=1 uploads unchanged code too. Works against an emulator when AWS_ENDPOINT_URL is set.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/deployment-env.sh"

usage() {
  say "usage: $0 all|api|processor|reporter REGION"
  exit 2
}

[ $# -eq 2 ] || usage
case "$1" in
  all) targets=("${LAMBDA_FUNCTIONS[@]}") ;;
  api | processor | reporter) targets=("$1") ;;
  *) usage ;;
esac
export AWS_REGION=$2 AWS_DEFAULT_REGION=$2
require_tools aws jq node openssl

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  say "== building ${targets[*]}"
  (cd "$ROOT_DIR" && npm run --silent build:lambdas -- "${targets[@]}") >&2
fi

# Warns when the native layer Terraform published is not the one this build expects.
check_native_layer() {
  local fn=$1 name=$2 needs wanted attached deployed
  needs=$(manifest_value ".functions[] | select(.name == \"$fn\") | .nativePackages | length")
  [ "${needs:-0}" -gt 0 ] || return 0
  wanted=$(manifest_value '.layer.sha256')
  attached=$(aws_cli lambda get-function-configuration --function-name "$name" --query 'Layers[0].Arn' --output text 2>/dev/null || true)
  if [ -z "$attached" ] || [ "$attached" = None ]; then
    say "warning: $name loads native packages but has no layer attached: run terraform apply"
    return 0
  fi
  # arn:aws:lambda:REGION:ACCOUNT:layer:NAME:VERSION (get-layer-version, which moto answers fully too)
  deployed=$(aws_cli lambda get-layer-version --layer-name "$(cut -d: -f7 <<<"$attached")" --version-number "${attached##*:}" \
    --query Content.CodeSha256 --output text 2>/dev/null || true)
  if [ -n "$wanted" ] && [ "$deployed" != "$wanted" ]; then
    say "warning: $name uses layer $attached whose content differs from dist/lambda/native-layer.zip: run terraform apply to publish it"
  fi
}

deploy_one() {
  local fn=$1 name zip local_sha remote_sha version
  name=$(function_name "$fn")
  zip=$ROOT_DIR/dist/lambda/$fn.zip
  [ -f "$zip" ] || die "$zip is missing: run npm run build:lambdas"
  remote_sha=$(aws_cli lambda get-function-configuration --function-name "$name" --query CodeSha256 --output text 2>/dev/null) ||
    die "function $name does not exist in $AWS_REGION: run terraform apply in infra/terraform first (or set ${fn^^}_FUNCTION_NAME)"
  local_sha=$(openssl dgst -sha256 -binary "$zip" | openssl base64 -A)
  if [ "$local_sha" = "$remote_sha" ] && [ "${FORCE:-0}" != 1 ]; then
    say "== $name: unchanged ($local_sha)"
  else
    say "== $name: uploading $(du -h "$zip" | cut -f1) ($local_sha)"
    version=$(aws_cli lambda update-function-code --function-name "$name" --zip-file "fileb://$zip" --publish --query Version --output text)
    aws_cli lambda wait function-updated --function-name "$name"
    say "   published version $version"
  fi
  check_native_layer "$fn" "$name"
  printf '%s\t%s\n' "$fn" "$name"
}

for fn in "${targets[@]}"; do deploy_one "$fn"; done
say "done: ${targets[*]} deployed to $AWS_REGION; next: ./scripts/verify_deployment.sh"
