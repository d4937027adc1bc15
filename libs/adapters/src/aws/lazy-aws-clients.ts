import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { OnApplicationShutdown } from '@nestjs/common';
import type { AwsSettings } from '../config/pipeline-config.js';
import { awsClientConfig, s3ClientConfig } from './aws-client-config.js';

type Settings = Pick<AwsSettings, 'region' | 'endpointUrl'>;

/**
 * One SDK client per service for one application, created on first use. The SDK packages are
 * imported only then (each costs 0.1–0.3 s to load), so a process that never touches a service
 * never loads its client. Each is imported through a named re-export in ./sdk-clients/: esbuild
 * cannot tree-shake a dynamically imported package namespace, and `await import('@aws-sdk/client-s3')`
 * bundled every S3 command, schema, paginator and waiter into the chunk a cold start parses.
 */
export class LazyAwsClients implements OnApplicationShutdown {
  private readonly made = new Map<string, Promise<{ destroy(): void }>>();

  constructor(private readonly settings: Settings) {}

  s3(): Promise<S3Client> {
    return this.once('s3', async () => new (await import('./sdk-clients/s3.client.js')).S3Client(s3ClientConfig(this.settings)));
  }

  sqs(): Promise<SQSClient> {
    return this.once('sqs', async () => new (await import('./sdk-clients/sqs.client.js')).SQSClient(awsClientConfig(this.settings)));
  }

  sns(): Promise<SNSClient> {
    return this.once('sns', async () => new (await import('./sdk-clients/sns.client.js')).SNSClient(awsClientConfig(this.settings)));
  }

  /** DynamoDB with plain JavaScript values in and out (lib-dynamodb), undefined attributes dropped. */
  dynamoDocuments(): Promise<DynamoDBDocumentClient> {
    return this.once('dynamodb', async () => {
      const { DynamoDBClient, DynamoDBDocumentClient } = await import('./sdk-clients/dynamodb.client.js');
      return DynamoDBDocumentClient.from(new DynamoDBClient(awsClientConfig(this.settings)), {
        marshallOptions: { removeUndefinedValues: true },
      });
    });
  }

  /** Closes every client made (their sockets), for application shutdown. */
  async destroy(): Promise<void> {
    const clients = await Promise.allSettled(this.made.values());
    for (const c of clients) if (c.status === 'fulfilled') c.value.destroy();
    this.made.clear();
  }

  onApplicationShutdown(): Promise<void> {
    return this.destroy();
  }

  private once<T extends { destroy(): void }>(name: string, make: () => Promise<T>): Promise<T> {
    let client = this.made.get(name);
    if (!client) {
      client = make();
      this.made.set(name, client);
    }
    return client as Promise<T>;
  }
}
