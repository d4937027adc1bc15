/**
 * Sends a generated report version to every confirmed subscriber and records ReportDelivered
 * (failures included). Webhook retries happen inside the notifier.
 */
export class DeliverReport {
  constructor(
    readonly date: string,
    /** Omitted: the newest version. */
    readonly version?: number,
  ) {}
}

export interface DeliverReportResult {
  readonly date: string;
  readonly version: number;
  readonly delivered: readonly string[];
  readonly failed: readonly { readonly subscriptionId: string; readonly error: string }[];
}
