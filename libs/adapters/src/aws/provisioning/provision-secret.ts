import { CreateSecretCommand, PutSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { secretFromDatabaseUrl } from '../../secrets/database-secret.js';

/** The DB secret made from a PostgreSQL URL (the shape of an RDS secret); re-running updates its value. Returns its ARN. */
export async function ensureDatabaseSecret(secrets: SecretsManagerClient, name: string, databaseUrl: string): Promise<string> {
  const SecretString = secretFromDatabaseUrl(databaseUrl);
  try {
    const created = await secrets.send(
      new CreateSecretCommand({ Name: name, SecretString, Description: 'data-pipeline database credentials' }),
    );
    return created.ARN!;
  } catch (error) {
    if ((error as { name?: string }).name !== 'ResourceExistsException') throw error;
    const updated = await secrets.send(new PutSecretValueCommand({ SecretId: name, SecretString }));
    return updated.ARN!;
  }
}
