import type { AlarmState } from '../pipeline-alarms.js';

/** Queue depths, last-hour error rate and p99 latency, freshness per dataset, and the seed's alarms. */
export class GetPipelineHealth {}

export interface PipelineHealth {
  readonly checkedAt: string;
  readonly queueDepth: { readonly visible: number; readonly inFlight: number };
  readonly deadLetterDepth: number;
  readonly lastHour: {
    readonly since: string;
    readonly finished: number;
    readonly errors: number;
    readonly errorRate: number;
    readonly p99LatencyMs: number | null;
  };
  readonly freshness: readonly { readonly dataset: string; readonly newestIngestedAt: string | null; readonly ageSeconds: number | null }[];
  readonly alarms: readonly AlarmState[];
}
