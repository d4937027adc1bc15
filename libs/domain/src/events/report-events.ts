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
  readonly data: { readonly date: string; readonly subscriptionIds: readonly string[]; readonly deliveredAt: string };
};
export type ReportEvent = ReportRequested | ReportGenerated | ReportDelivered;

export const reportStreamId = (date: string): string => `report-${date}`;
