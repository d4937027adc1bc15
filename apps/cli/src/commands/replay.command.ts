import { CommandBus } from '@nestjs/cqrs';
import { RequestReplay, type RequestReplayResult } from '@pipeline/application/ingestion/request-replay/request-replay.command.js';
import { info, out } from '../cli-output.js';
import type { CliContext } from '../cli-context.js';

/** `pipeline replay ID` re-queues one ingestion; `pipeline replay --dead-letters` redrives the DLQ. */
export async function replayCommand(ctx: CliContext, id: string | undefined, options: { limit: number }): Promise<number> {
  const result: RequestReplayResult = await ctx.get(CommandBus).execute(new RequestReplay(id ?? null, 'cli', options.limit));
  for (const r of result.replayed) out(`replay requested: ${r}`);
  for (const r of result.refused) info(`refused ${r.ingestionId}: ${r.reason}`);
  if (!id) out(`${result.redriven} dead-letter message(s) moved back to the queue`);
  info('the worker processes replays (`npm start` locally, the processor Lambda in aws mode); watch with `npx pipeline status`');
  return result.refused.length > 0 && result.replayed.length === 0 ? 1 : 0;
}
