import { parse } from '@cdktf/hcl2json';
import { allModules, asList, loadTerraform, nested, type Block, type TerraformConfig, type TerraformModule } from './terraform-model.js';

/** Everything wrong with the buckets of one module: each must be encrypted, versioned, private and TLS-only. */
function bucketProblems(module: TerraformModule): string[] {
  const buckets = Object.keys(module.resources.aws_s3_bucket ?? {});
  const forBucket = (type: string, bucket: string): Block[] =>
    Object.values(module.resources[type] ?? {}).filter((r) => r.bucket === `\${aws_s3_bucket.${bucket}.id}`);
  return buckets.flatMap((bucket) => {
    const problems: string[] = [];
    const where = `${module.dir}: aws_s3_bucket.${bucket}`;
    const sse = forBucket('aws_s3_bucket_server_side_encryption_configuration', bucket)
      .flatMap((r) => nested(r, 'rule'))
      .flatMap((rule) => nested(rule, 'apply_server_side_encryption_by_default'))
      .map((d) => d.sse_algorithm);
    if (!sse.some((a) => a === 'AES256' || a === 'aws:kms' || a === 'aws:kms:dsse')) problems.push(`${where} has no default encryption`);
    const versioning = forBucket('aws_s3_bucket_versioning', bucket).flatMap((r) => nested(r, 'versioning_configuration'));
    if (!versioning.some((v) => v.status === 'Enabled')) problems.push(`${where} is not versioned`);
    const flags = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];
    if (!forBucket('aws_s3_bucket_public_access_block', bucket).some((b) => flags.every((f) => b[f] === true)))
      problems.push(`${where} does not block public access (all four flags)`);
    const policies = forBucket('aws_s3_bucket_policy', bucket).map((p) => String(p.policy));
    if (!policies.some((p) => denyInsecureTransport(module, p))) problems.push(`${where} has no policy denying requests without TLS`);
    return problems;
  });
}

function denyInsecureTransport(module: TerraformModule, policyRef: string): boolean {
  const name = /^\$\{data\.aws_iam_policy_document\.([\w-]+)\.json\}$/.exec(policyRef)?.[1];
  const document = name ? module.data.aws_iam_policy_document?.[name] : undefined;
  return nested(document ?? {}, 'statement').some(
    (s) =>
      s.effect === 'Deny' &&
      nested(s, 'condition').some((c) => c.variable === 'aws:SecureTransport' && asList(c.values).includes('false') && c.test === 'Bool'),
  );
}

describe('infra/terraform: S3 buckets', () => {
  let config: TerraformConfig;
  beforeAll(async () => {
    config = await loadTerraform();
  });

  it('every bucket, in the root and in every module, is encrypted, versioned, public-access-blocked and TLS-only', () => {
    const buckets = allModules(config).flatMap((m) => Object.keys(m.resources.aws_s3_bucket ?? {}).map((b) => `${m.dir}:${b}`));
    expect(buckets.length).toBeGreaterThan(0);
    expect(allModules(config).flatMap(bucketProblems)).toEqual([]);
  });

  it('the check catches a bucket that is only encrypted', async () => {
    const parsed = (await parse(
      'bad.tf',
      `resource "aws_s3_bucket" "loose" { bucket = "x" }
       resource "aws_s3_bucket_server_side_encryption_configuration" "loose" {
         bucket = aws_s3_bucket.loose.id
         rule {
           apply_server_side_encryption_by_default {
             sse_algorithm = "AES256"
           }
         }
       }`,
    )) as { resource: Record<string, Record<string, Block[]>> };
    const resources = Object.fromEntries(
      Object.entries(parsed.resource).map(([t, byName]) => [t, Object.fromEntries(Object.entries(byName).map(([n, b]) => [n, b[0]]))]),
    );
    const module: TerraformModule = { dir: 'bad', resources, data: {}, modules: {}, variables: {}, outputs: {}, locals: {} };
    expect(bucketProblems(module)).toEqual([
      'bad: aws_s3_bucket.loose is not versioned',
      'bad: aws_s3_bucket.loose does not block public access (all four flags)',
      'bad: aws_s3_bucket.loose has no policy denying requests without TLS',
    ]);
  });

  it('creates the raw, processed and reports buckets with lifecycles from the retention variables', () => {
    const calls = config.root.modules;
    expect(
      Object.keys(calls)
        .filter((n) => String(calls[n].source) === './modules/data_bucket')
        .sort(),
    ).toEqual(['processed_bucket', 'raw_bucket', 'reports_bucket']);
    expect(calls.raw_bucket.expire_after_days).toBe('${var.raw_data_retention_days}');
    expect(calls.processed_bucket.expire_after_days).toBe('${var.processed_data_retention_days}');
    expect(calls.reports_bucket.glacier_transition_days).toBe('${var.reports_glacier_transition_days}');
    const lifecycle = config.children.data_bucket.resources.aws_s3_bucket_lifecycle_configuration.this;
    const rule = nested(lifecycle, 'rule')[0];
    expect(nested(rule, 'transition')).toEqual([{ days: '${transition.value}', storage_class: 'GLACIER' }]);
    expect(nested(rule, 'expiration')).toEqual([{ days: '${expiration.value}' }]);
    expect(config.root.variables.raw_data_retention_days.default).toBe(90);
    expect(config.root.variables.processed_data_retention_days.default).toBe(365);
  });

  it('sends every raw-bucket event to EventBridge', () => {
    const notifications = Object.values(config.root.resources.aws_s3_bucket_notification ?? {});
    expect(notifications).toEqual([expect.objectContaining({ bucket: '${module.raw_bucket.id}', eventbridge: true })]);
  });
});
