/** Re-runs one ingestion (after a fix), or — with no id — redrives up to `limit` dead letters. */
export class RequestReplay {
  constructor(
    readonly ingestionId: string | null,
    readonly requestedBy: string,
    readonly limit = 100,
  ) {}
}

export interface RequestReplayResult {
  readonly replayed: string[];
  readonly refused: { ingestionId: string; reason: string }[];
  /** Dead-letter messages moved back to the main queue. */
  readonly redriven: number;
}
