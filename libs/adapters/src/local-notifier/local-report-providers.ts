import type { Provider } from '@nestjs/common';
import { join } from 'node:path';
import { dataDirSecret } from '../local-fs/data-dir-secret.js';
import { ArtefactLinks } from '@pipeline/domain/ports/artefact-links.js';
import { Notifier } from '@pipeline/domain/ports/notifier.js';
import { ReportHistory } from '@pipeline/domain/ports/report-history.js';
import { SubscriptionStore } from '@pipeline/domain/ports/subscription-store.js';
import { EndpointPolicy } from '@pipeline/domain/subscriptions/endpoint-policy.js';
import type { PipelineConfig } from '../config/pipeline-config.js';
import { DatabaseHandle } from '../database/database-handle.js';
import { PostgresReportHistory } from '../postgres-reports/postgres-report-history.js';
import { LocalArtefactLinks } from './local-artefact-links.js';
import { LocalNotifier } from './local-notifier.js';
import type { MailTransport } from './mail-transport.js';
import { OutboxMailTransport } from './outbox-mail-transport.js';
import { SmtpMailTransport } from './smtp-mail-transport.js';
import { WebhookSender } from './webhook-sender.js';

/** Webhook retries: 4 attempts over about 30 s. */
export const WEBHOOK_RETRY_DELAYS_MS: readonly number[] = [2_000, 8_000, 20_000];

/** Local mode's report delivery: signed webhooks, .eml outbox or SMTP, the `reports` table, file:// links. */
export function localReportProviders(config: PipelineConfig): Provider[] {
  return [
    { provide: ReportHistory, useFactory: (h: DatabaseHandle) => new PostgresReportHistory(h.database), inject: [DatabaseHandle] },
    { provide: ArtefactLinks, useValue: new LocalArtefactLinks(join(config.dataDir, 'objects')) },
    {
      provide: Notifier,
      useFactory: async (store: SubscriptionStore, rules: EndpointPolicy) => {
        const secret = config.reports.webhookSigningSecret ?? (await webhookSigningKey(config.dataDir));
        const webhooks = new WebhookSender({ secret, rules, retryDelaysMs: WEBHOOK_RETRY_DELAYS_MS, timeoutMs: 10_000 });
        return new LocalNotifier(store, webhooks, mailTransport(config), config.reports.emailFrom);
      },
      inject: [SubscriptionStore, EndpointPolicy],
    },
  ];
}

export function mailTransport(config: PipelineConfig): MailTransport {
  return config.reports.smtpUrl ? new SmtpMailTransport(config.reports.smtpUrl) : new OutboxMailTransport(join(config.dataDir, 'outbox'));
}

/**
 * The webhook signing key when WEBHOOK_SIGNING_SECRET is unset: generated once per data directory
 * and kept beside the data, so receivers can be given it (`pipeline subscriptions secret`).
 */
export function webhookSigningKey(dataDir: string): Promise<string> {
  return dataDirSecret(dataDir, 'webhook-signing.key');
}
