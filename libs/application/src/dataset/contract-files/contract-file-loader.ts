import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { InvalidContractError } from '@pipeline/domain/errors.js';
import { DefineDataset, type DefineDatasetResult } from '../define-dataset/define-dataset.command.js';

const CONTRACT_EXTENSIONS = new Set(['.json', '.yaml', '.yml']);

/**
 * Loads `datasets/<name>.json|yaml` contract files. Loading an unchanged file records nothing;
 * a changed file becomes a new contract version.
 */
@Injectable()
export class ContractFileLoader {
  private readonly logger = new Logger('Contracts');

  constructor(private readonly commandBus: CommandBus) {}

  async loadFolder(dir: string): Promise<DefineDatasetResult[]> {
    let names: string[];
    try {
      names = (await readdir(dir)).filter((n) => CONTRACT_EXTENSIONS.has(extname(n).toLowerCase())).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const results: DefineDatasetResult[] = [];
    for (const name of names) {
      const result = await this.loadFile(join(dir, name));
      if (result.changed) this.logger.log(`dataset ${result.dataset}: contract version ${result.version} from ${name}`);
      results.push(result);
    }
    return results;
  }

  async loadFile(path: string, definedBy = 'contract-file'): Promise<DefineDatasetResult> {
    const text = await readFile(path, 'utf8');
    const input = await parseContractText(text, path);
    const expected = basename(path, extname(path));
    const named = input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : null;
    if (named && named.dataset === undefined) named.dataset = expected;
    return this.commandBus.execute(new DefineDataset(input, path, definedBy));
  }
}

/** JSON or YAML by extension; the YAML parser loads only when a YAML file is read (Lambdas never parse it otherwise). */
export async function parseContractText(text: string, origin: string): Promise<unknown> {
  try {
    if (/\.json$/i.test(origin)) return JSON.parse(text);
    const { parse } = await import('yaml');
    return parse(text, { maxAliasCount: 50 });
  } catch (error) {
    throw new InvalidContractError(`${origin}: not valid ${/\.json$/i.test(origin) ? 'JSON' : 'YAML'}: ${(error as Error).message}`);
  }
}
