import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Clock } from '@pipeline/domain/ports/clock.js';
import { PipelineHealthReader } from '@pipeline/domain/ports/pipeline-health-reader.js';
import { WorkQueue } from '@pipeline/domain/ports/work-queue.js';
import { evaluateAlarms } from '../pipeline-alarms.js';
import { GetPipelineHealth, type PipelineHealth } from './get-pipeline-health.query.js';

const HOUR_MS = 3_600_000;

@QueryHandler(GetPipelineHealth)
export class GetPipelineHealthHandler implements IQueryHandler<GetPipelineHealth, PipelineHealth> {
  constructor(
    private readonly queue: WorkQueue,
    private readonly reader: PipelineHealthReader,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<PipelineHealth> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - HOUR_MS);
    const [queueDepth, deadLetterDepth, activity, datasets] = await Promise.all([
      this.queue.depth(),
      this.queue.deadLetterDepth(),
      this.reader.activity(since),
      this.reader.freshness(),
    ]);
    const freshness = datasets.map((d) => ({
      ...d,
      ageSeconds: d.newestIngestedAt === null ? null : Math.max(0, Math.round((now.getTime() - Date.parse(d.newestIngestedAt)) / 1000)),
    }));
    const stalest = freshness.reduce<{ dataset: string; ageSeconds: number } | null>(
      (worst, d) =>
        d.ageSeconds !== null && (worst === null || d.ageSeconds > worst.ageSeconds)
          ? { dataset: d.dataset, ageSeconds: d.ageSeconds }
          : worst,
      null,
    );
    const errorRate = activity.finished === 0 ? 0 : activity.errors / activity.finished;
    const p99 = activity.p99DurationMs;
    return {
      checkedAt: now.toISOString(),
      queueDepth,
      deadLetterDepth,
      lastHour: { since: since.toISOString(), finished: activity.finished, errors: activity.errors, errorRate, p99LatencyMs: p99 },
      freshness,
      alarms: evaluateAlarms({ errorRate, p99LatencySeconds: p99 === null ? null : p99 / 1000, deadLetterDepth, stalest }),
    };
  }
}
