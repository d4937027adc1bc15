import {
  ListMessageMoveTasksCommand,
  StartMessageMoveTaskCommand,
  type ListMessageMoveTasksResultEntry,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { UnavailableError } from '@pipeline/domain/errors.js';
import { isTransientAwsError, toPortError } from '../aws/aws-errors.js';

/** A move task runs in the background; the redrive waits this long for it at most. */
const MAX_WAIT_MS = 5 * 60_000;
const POLL_MS = 500;

/**
 * SQS's own DLQ redrive (StartMessageMoveTask, 2023). Emulators may lack it (moto answers HTTP 500):
 * a failure to start means "use the fallback", and a non-transient one is remembered so later
 * redrives go straight to the fallback.
 */
export class SqsMessageMoveTask {
  private supported: boolean | undefined;

  constructor(
    private readonly client: SQSClient,
    private readonly sourceArn: () => Promise<string>,
    private readonly destinationArn: () => Promise<string>,
  ) {}

  mayBeSupported(): boolean {
    return this.supported !== false;
  }

  /** Moves every dead letter back and returns how many moved, or null when the endpoint cannot. */
  async moveAll(): Promise<number | null> {
    const SourceArn = await this.sourceArn();
    let handle: string | undefined;
    try {
      const started = await this.client.send(new StartMessageMoveTaskCommand({ SourceArn, DestinationArn: await this.destinationArn() }));
      handle = started.TaskHandle;
    } catch (error) {
      if (!isTransientAwsError(error) || isUnimplemented(error)) this.supported = false;
      return null;
    }
    this.supported = true;
    return this.waitFor(SourceArn, handle);
  }

  private async waitFor(SourceArn: string, handle: string | undefined): Promise<number> {
    const deadline = Date.now() + MAX_WAIT_MS;
    for (;;) {
      const task = await this.task(SourceArn, handle);
      if (task?.Status === 'COMPLETED') return task.ApproximateNumberOfMessagesMoved ?? 0;
      if (task?.Status === 'FAILED' || task?.Status === 'CANCELLED') {
        throw new UnavailableError(`message move task from ${SourceArn} ${task.Status}: ${task.FailureReason ?? 'no reason given'}`);
      }
      if (Date.now() > deadline)
        throw new UnavailableError(`message move task from ${SourceArn} still running after ${MAX_WAIT_MS / 1000} s`);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  private async task(SourceArn: string, handle: string | undefined): Promise<ListMessageMoveTasksResultEntry | undefined> {
    const listed = await this.client.send(new ListMessageMoveTasksCommand({ SourceArn, MaxResults: 10 })).catch((error: unknown) => {
      throw toPortError(error, `list message move tasks of ${SourceArn}`);
    });
    const results = listed.Results ?? [];
    return results.find((t) => !handle || t.TaskHandle === handle) ?? results[0];
  }
}

/** moto fails the call with HTTP 500 and a body the SDK cannot parse; other endpoints say 501 or name the action unknown. */
function isUnimplemented(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  const status = e?.$metadata?.httpStatusCode;
  return status === 500 || status === 501 || /Unknown|NotImplemented|InvalidAction|Unsupported|Deserializ/i.test(e?.name ?? '');
}
