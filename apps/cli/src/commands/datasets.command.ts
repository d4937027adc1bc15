import { QueryBus } from '@nestjs/cqrs';
import { GetDataset, ListDatasets } from '@pipeline/application/dataset/queries/list-datasets.query.js';
import { ContractFileLoader } from '@pipeline/application/dataset/contract-files/contract-file-loader.js';
import type { DatasetView } from '@pipeline/domain/read-models/dataset-view.js';
import type { DataContract } from '@pipeline/domain/contract/data-contract.js';
import { out, table } from '../cli-output.js';
import type { CliContext } from '../cli-context.js';

/** `pipeline datasets [NAME]` and `pipeline datasets define FILE`. */
export async function datasetsCommand(ctx: CliContext, args: string[], options: { json: boolean }): Promise<number> {
  if (args[0] === 'define') {
    if (!args[1]) throw new Error('datasets define needs a contract FILE (.json, .yaml or .yml)');
    const r = await ctx.get(ContractFileLoader).loadFile(args[1], 'cli');
    out(
      r.changed ? `dataset ${r.dataset}: contract version ${r.version} recorded` : `dataset ${r.dataset}: unchanged (version ${r.version})`,
    );
    return 0;
  }
  const queries = ctx.get(QueryBus);
  if (args[0]) {
    const found: { view: DatasetView; versions: DataContract[] } | null = await queries.execute(new GetDataset(args[0]));
    if (!found) return (out(`no dataset ${args[0]}`), 1);
    out(JSON.stringify(options.json ? found : found.view.contract, null, 2));
    return 0;
  }
  const list: DatasetView[] = await queries.execute(new ListDatasets());
  if (options.json) return (out(JSON.stringify(list, null, 2)), 0);
  if (list.length === 0) return (out('no datasets yet: they are defined by contract files in datasets/ or inferred on first ingestion'), 0);
  out(
    table([
      ['DATASET', 'VERSION', 'FIELDS', 'INFERRED', 'UPDATED (UTC)'],
      ...list.map((d) => [
        d.name,
        String(d.currentVersion),
        String(d.contract.fields.length),
        d.inferred ? 'yes' : 'no',
        d.updatedAt.slice(0, 19),
      ]),
    ]),
  );
  return 0;
}
