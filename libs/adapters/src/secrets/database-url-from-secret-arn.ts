import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { awsClientConfig } from '../aws/aws-client-config.js';
import type { AwsSettings } from '../config/pipeline-config.js';
import { databaseUrlFromSecret } from './database-secret.js';
import { SecretsManagerSecretProvider } from './secrets-manager-secret-provider.js';

let provider: SecretsManagerSecretProvider | undefined;

/**
 * The PostgreSQL URL held by the DB_SECRET_ARN secret, read once per container. Loaded with a
 * dynamic import by DatabaseHandle, so local mode never loads the Secrets Manager client.
 * @example const url = await databaseUrlFromSecretArn(config.aws, config.aws.dbSecretArn!)
 */
export async function databaseUrlFromSecretArn(
  settings: AwsSettings,
  secretArn: string,
  options: { refresh?: boolean } = {},
): Promise<string> {
  provider ??= new SecretsManagerSecretProvider(new SecretsManagerClient(awsClientConfig(settings)));
  const secret = options.refresh ? await provider.refresh(secretArn) : await provider.get(secretArn);
  return databaseUrlFromSecret(secret, { host: settings.dbHost, port: settings.dbPort, dbname: settings.dbName });
}
