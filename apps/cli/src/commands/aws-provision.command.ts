import type { PipelineConfig } from '@pipeline/adapters/config/pipeline-config.js';
import { exportLines, PREFIX_PATTERN, provisionAws } from '@pipeline/adapters/aws/provisioning/aws-provisioner.js';
import { info, out } from '../cli-output.js';
import { UsageError } from './ingest.command.js';

export const DEFAULT_PREFIX = 'data-pipeline-local';

/**
 * `pipeline aws provision [--prefix NAME] [--notifications auto|eventbridge|direct]`: creates the data
 * path's AWS resources at AWS_ENDPOINT_URL (or in the account the credentials name) and prints the
 * handlers' environment as `export` lines on stdout — progress goes to stderr — so
 * `eval "$(npx pipeline aws provision)"` prepares a shell. Running it again is harmless.
 */
export async function awsProvisionCommand(config: PipelineConfig, options: { prefix?: string; notifications?: string }): Promise<number> {
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  if (!PREFIX_PATTERN.test(prefix)) throw new UsageError(`--prefix ${JSON.stringify(prefix)} must be 3–42 characters of a-z, 0-9 and -`);
  const notifications = options.notifications ?? 'auto';
  if (notifications !== 'auto' && notifications !== 'eventbridge' && notifications !== 'direct') {
    throw new UsageError('--notifications must be auto, eventbridge or direct');
  }
  info(`provisioning "${prefix}" at ${config.aws.endpointUrl ?? `AWS (${config.aws.region})`}`);
  const env = await provisionAws({
    settings: config.aws,
    prefix,
    notifications,
    databaseUrl: config.databaseUrl,
    visibilityTimeoutSeconds: config.visibilityTimeoutSeconds,
    maxReceiveCount: config.maxReceiveCount,
    log: (line) => info(`  ${line}`),
  });
  out(exportLines(env));
  info('done: eval this output in your shell, then `npx pipeline aws poll` runs the processor on the queue');
  return 0;
}
