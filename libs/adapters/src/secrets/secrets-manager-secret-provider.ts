import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { NotFoundError } from '@pipeline/domain/errors.js';
import { SecretProvider } from '@pipeline/domain/ports/secret-provider.js';
import { awsErrorName, toPortError } from '../aws/aws-errors.js';

/**
 * Secrets Manager, each secret read once per container (process) and kept: a Lambda container
 * serves many invocations, and a call per invocation would cost time and money. `refresh` forgets
 * one, for a caller that finds a cached credential rejected after a rotation.
 */
export class SecretsManagerSecretProvider extends SecretProvider {
  private readonly cache = new Map<string, Promise<string>>();

  constructor(private readonly client: SecretsManagerClient) {
    super();
  }

  get(name: string): Promise<string> {
    let value = this.cache.get(name);
    if (!value) {
      value = this.fetch(name);
      this.cache.set(name, value);
      value.catch(() => this.cache.delete(name));
    }
    return value;
  }

  refresh(name: string): Promise<string> {
    this.cache.delete(name);
    return this.get(name);
  }

  private async fetch(name: string): Promise<string> {
    try {
      const result = await this.client.send(new GetSecretValueCommand({ SecretId: name }));
      if (result.SecretString === undefined) throw new NotFoundError(`secret ${name} has no string value`);
      return result.SecretString;
    } catch (error) {
      if (awsErrorName(error) === 'ResourceNotFoundException') throw new NotFoundError(`secret ${name} not found`, { cause: error });
      throw toPortError(error, `read secret ${name}`);
    }
  }
}
