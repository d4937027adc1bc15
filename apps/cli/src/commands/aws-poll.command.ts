import { SQSClient } from '@aws-sdk/client-sqs';
import { awsClientConfig } from '@pipeline/adapters/aws/aws-client-config.js';
import { requireSetting, type PipelineConfig } from '@pipeline/adapters/config/pipeline-config.js';
import { pollQueue, type SqsHandler } from '@pipeline/adapters/sqs/sqs-event-source-poller.js';
import { info } from '../cli-output.js';
import { UsageError } from './ingest.command.js';

/** Lambda's batch size for the processor's event source mapping. */
const BATCH_SIZE = 10;
/** The processor function's timeout (Terraform's lambda_timeout_seconds). */
const FUNCTION_TIMEOUT_MS = 300_000;

/**
 * `pipeline aws poll [--until-idle]`: runs the real processor Lambda handler on the processing
 * queue, as Lambda's event source mapping would (batches of 10, partial batch failures honoured,
 * failed messages left for SQS to deliver again). Ctrl-C stops after the current batch.
 */
export async function awsPollCommand(config: PipelineConfig, options: { untilIdle: boolean }): Promise<number> {
  if (config.mode !== 'aws')
    throw new UsageError('aws poll runs the aws-mode processor: set PIPELINE_MODE=aws (eval "$(npx pipeline aws provision)")');
  const queueUrl = requireSetting(config.aws.processingQueueUrl, 'PROCESSING_QUEUE_URL');
  // Loaded only now: importing the handler reads the environment and prepares the container.
  const { handler } = await import('../../../processor/src/lambda.js');
  const sqs = new SQSClient(awsClientConfig(config.aws));
  const stop = new AbortController();
  const onSignal = () => {
    info('stopping after the current batch…');
    stop.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  info(`polling ${queueUrl}${options.untilIdle ? ' until it is idle' : ' (Ctrl-C to stop)'}`);
  try {
    const stats = await pollQueue(sqs, handler as SqsHandler, {
      queueUrl,
      region: config.aws.region,
      batchSize: BATCH_SIZE,
      untilIdle: options.untilIdle,
      timeoutMs: FUNCTION_TIMEOUT_MS,
      log: (line) => info(line),
      signal: stop.signal,
    });
    info(`${stats.batches} batch(es): ${stats.succeeded} message(s) done, ${stats.failed} left for redelivery`);
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    sqs.destroy();
  }
}
