import { randomBytes } from 'node:crypto';
import type { AwsSettings } from '@pipeline/adapters/config/pipeline-config.js';
import { motoUnavailableReason, startMotoServer, type MotoServer } from './moto-server.js';
import { describeWhenAvailable } from '../describe-when-available.js';

/** The emulator for one describe block; readable once its beforeAll has run. */
export class MotoHandle {
  private server: MotoServer | undefined;

  get url(): string {
    if (!this.server) throw new Error('moto is not started yet: use it inside tests or hooks, not while declaring them');
    return this.server.url;
  }

  /** Region and endpoint as the adapters read them from AWS_REGION / AWS_ENDPOINT_URL. */
  get settings(): Pick<AwsSettings, 'region' | 'endpointUrl'> {
    return { region: 'us-east-1', endpointUrl: this.url };
  }

  /** The environment a child process (the CLI, the handlers) needs to reach this emulator. */
  get env(): Record<string, string> {
    return { AWS_ENDPOINT_URL: this.url, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
  }

  async start(): Promise<void> {
    this.server = await startMotoServer();
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
  }
}

/** A resource name no other test uses on a shared emulator: lower case, S3-safe. */
export const uniqueName = (prefix: string): string => `${prefix}-${randomBytes(5).toString('hex')}`;

/**
 * A describe block with a moto AWS emulator (MOTO_URL, or its own `moto_server` on 127.0.0.1 and
 * a free port, stopped afterwards). Without moto it is skipped with a printed reason — except when
 * CI=true, where a missing emulator fails the run instead of hiding tests.
 */
export function describeWithMoto(title: string, body: (moto: MotoHandle) => void): void {
  const handle = new MotoHandle();
  describeWhenAvailable(title, motoUnavailableReason(), 'an AWS emulator', () => {
    beforeAll(() => handle.start(), 60_000);
    afterAll(() => handle.stop(), 30_000);
    body(handle);
  });
}
