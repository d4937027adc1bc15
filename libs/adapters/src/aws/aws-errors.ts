import { PortError, UnavailableError } from '@pipeline/domain/errors.js';

/** The fields SDK v3 service errors carry; network errors have only `name`/`code`. */
export interface AwsErrorShape {
  readonly name?: string;
  readonly code?: string;
  readonly message?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
  readonly $fault?: 'client' | 'server';
}

const asShape = (error: unknown): AwsErrorShape => (typeof error === 'object' && error !== null ? (error as AwsErrorShape) : {});

/** The service's error name (`NoSuchKey`, `ConditionalCheckFailedException` …), or the Node error code. */
export const awsErrorName = (error: unknown): string => asShape(error).name ?? asShape(error).code ?? '';

export const httpStatusOf = (error: unknown): number | undefined => asShape(error).$metadata?.httpStatusCode;

const RETRYABLE_NAMES = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'RequestLimitExceeded',
  'ProvisionedThroughputExceededException',
  'RequestThrottled',
  'SlowDown',
  'ServiceUnavailable',
  'InternalError',
  'InternalServerError',
  'InternalFailure',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** True when retrying later may succeed: throttling, server faults, the endpoint unreachable. */
export function isTransientAwsError(error: unknown): boolean {
  const shape = asShape(error);
  if (RETRYABLE_NAMES.has(awsErrorName(error))) return true;
  const status = shape.$metadata?.httpStatusCode;
  return shape.$fault === 'server' || (status !== undefined && status >= 500) || status === 429;
}

/**
 * Any SDK error the adapter has no specific meaning for becomes UnavailableError naming the
 * operation and the service's error name: throttling and outages pass with time, a missing
 * permission or resource once the deployment is fixed — either way the queue's retry applies.
 */
export function toPortError(error: unknown, operation: string): PortError {
  if (error instanceof PortError) return error;
  const name = awsErrorName(error) || 'Error';
  const kind = isTransientAwsError(error) ? 'transient' : 'not retryable by the SDK';
  return new UnavailableError(`${operation} failed (${kind}): ${name}: ${asShape(error).message ?? String(error)}`, { cause: error });
}
