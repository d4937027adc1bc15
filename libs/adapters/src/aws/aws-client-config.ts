import type { AwsSettings } from '../config/pipeline-config.js';

/** What every SDK v3 client constructor accepts that the pipeline sets. */
export interface AwsClientConfig {
  readonly region: string;
  readonly endpoint?: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly maxAttempts: number;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The one place SDK clients are configured: region and endpoint come from AWS_REGION and
 * AWS_ENDPOINT_URL, so the same code talks to AWS or to an emulator without knowing which.
 * An emulator accepts any credentials; when an endpoint is set and the shell has none, fixed
 * placeholder ones save the SDK from probing instance metadata (seconds of timeouts off EC2).
 * @example new SQSClient(awsClientConfig(config.aws))
 */
export function awsClientConfig(settings: Pick<AwsSettings, 'region' | 'endpointUrl'>, env: Env = process.env): AwsClientConfig {
  const base = { region: settings.region, maxAttempts: 4 };
  if (!settings.endpointUrl) return base;
  const hasCredentials = Boolean(env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE || env.AWS_WEB_IDENTITY_TOKEN_FILE);
  return {
    ...base,
    endpoint: settings.endpointUrl,
    ...(hasCredentials ? {} : { credentials: { accessKeyId: 'emulator', secretAccessKey: 'emulator' } }),
  };
}

/** S3 needs path-style addressing on an emulator endpoint (`http://127.0.0.1:5000/bucket/key`): no wildcard DNS there. */
export function s3ClientConfig(
  settings: Pick<AwsSettings, 'region' | 'endpointUrl'>,
  env: Env = process.env,
): AwsClientConfig & { forcePathStyle: boolean } {
  return { ...awsClientConfig(settings, env), forcePathStyle: Boolean(settings.endpointUrl) };
}
