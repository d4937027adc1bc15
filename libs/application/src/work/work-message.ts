/** The body of a local work-queue message. Versioned so old messages stay readable. */
export interface ProcessIngestionMessage {
  readonly kind: 'process-ingestion';
  readonly v: 1;
  readonly ingestionId: string;
}

export const processIngestionMessage = (ingestionId: string): string =>
  JSON.stringify({ kind: 'process-ingestion', v: 1, ingestionId } satisfies ProcessIngestionMessage);

/** Parses a queue body; returns null for bodies this worker does not understand (they are dead-lettered, not retried forever). */
export function parseWorkMessage(body: string): ProcessIngestionMessage | null {
  try {
    const value = JSON.parse(body) as Partial<ProcessIngestionMessage>;
    if (
      value &&
      value.kind === 'process-ingestion' &&
      typeof value.ingestionId === 'string' &&
      /^[A-Za-z0-9_-]{1,128}$/.test(value.ingestionId)
    ) {
      return { kind: 'process-ingestion', v: 1, ingestionId: value.ingestionId };
    }
  } catch {
    // not JSON: fall through
  }
  return null;
}
