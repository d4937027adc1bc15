import { CreateSecretCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { NotFoundError } from '@pipeline/domain/errors.js';
import { awsClientConfig } from '@pipeline/adapters/aws/aws-client-config.js';
import { ensureDatabaseSecret } from '@pipeline/adapters/aws/provisioning/provision-secret.js';
import { databaseUrlFromSecret } from '@pipeline/adapters/secrets/database-secret.js';
import { SecretsManagerSecretProvider } from '@pipeline/adapters/secrets/secrets-manager-secret-provider.js';
import { describeWithMoto, uniqueName } from '@pipeline/testing/moto/describe-with-moto.js';

describeWithMoto('Secrets Manager on moto', (moto) => {
  let client: SecretsManagerClient;
  beforeAll(() => {
    client = new SecretsManagerClient(awsClientConfig(moto.settings));
  });
  afterAll(() => client.destroy());

  it('reads a secret once per container and again only when asked to refresh', async () => {
    const name = uniqueName('secret');
    const { ARN } = await client.send(new CreateSecretCommand({ Name: name, SecretString: 'first' }));
    const secrets = new SecretsManagerSecretProvider(client);
    expect(await secrets.get(ARN!)).toBe('first');
    await client.send(new PutSecretValueCommand({ SecretId: ARN, SecretString: 'rotated' }));
    expect(await secrets.get(ARN!)).toBe('first');
    expect(await secrets.refresh(ARN!)).toBe('rotated');
    expect(await secrets.get(name)).toBe('rotated');
  });

  it('says NotFound for a missing secret and does not cache the failure', async () => {
    const secrets = new SecretsManagerSecretProvider(client);
    const name = uniqueName('missing');
    await expect(secrets.get(name)).rejects.toBeInstanceOf(NotFoundError);
    await client.send(new CreateSecretCommand({ Name: name, SecretString: 'now here' }));
    expect(await secrets.get(name)).toBe('now here');
  });

  it('stores a database URL as an RDS-shaped secret that reads back as the same connection', async () => {
    const url = 'postgres://app%40ops:p%40ss%3Aw0rd@db.internal:6543/pipeline?sslmode=require';
    const name = uniqueName('db');
    const arn = await ensureDatabaseSecret(client, name, url);
    expect(await ensureDatabaseSecret(client, name, url)).toBe(arn);
    const secret = await new SecretsManagerSecretProvider(client).get(arn);
    expect(JSON.parse(secret)).toEqual({
      engine: 'postgres',
      username: 'app@ops',
      password: 'p@ss:w0rd',
      host: 'db.internal',
      port: 6543,
      dbname: 'pipeline',
      sslmode: 'require',
    });
    expect(databaseUrlFromSecret(secret)).toBe(url);
  });
});
