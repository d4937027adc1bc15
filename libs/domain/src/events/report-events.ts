export type ReportRequested = {
  readonly type: 'ReportRequested';
  readonly data: { readonly date: string; readonly requestedBy: string; readonly requestedAt: string };
};
export type ReportGenerated = {
  readonly type: 'ReportGenerated';
  readonly data: {
    readonly date: string;
    readonly version: number;
    readonly metrics: Readonly<Record<string, unknown>>;
    readonly artefactKeys: readonly string[];
    readonly generatedAt: string;
  };
};
export type ReportDelivered = {
  readonly type: 'ReportDelivered';
  readonly data: {
    readonly date: string;
    readonly subscriptionIds: readonly string[];
    readonly deliveredAt: string;
    /** Which ReportGenerated version was sent (absent on events written before it was recorded). */
    readonly version?: number;
    /** Subscriptions the delivery gave up on after its retries, with the last error. */
    readonly failed?: readonly { readonly subscriptionId: string; readonly error: string }[];
  };
};
export type ReportEvent = ReportRequested | ReportGenerated | ReportDelivered;

export const reportStreamId = (date: string): string => `report-${date}`;
