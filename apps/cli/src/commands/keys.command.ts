import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CreateApiKey, type CreatedApiKey } from '@pipeline/application/api-keys/create-api-key/create-api-key.command.js';
import { ListApiKeys, type ApiKeySummary } from '@pipeline/application/api-keys/list-api-keys/list-api-keys.query.js';
import { RevokeApiKey } from '@pipeline/application/api-keys/revoke-api-key/revoke-api-key.command.js';
import { API_KEY_ROLES } from '@pipeline/domain/api-keys/api-key-role.js';
import { info, out, table } from '../cli-output.js';
import type { CliContext } from '../cli-context.js';
import { UsageError } from './ingest.command.js';

export interface KeysOptions {
  readonly role?: string;
  readonly name?: string;
  readonly json: boolean;
}

/**
 * `pipeline keys create --role R --name N` prints the new key alone on stdout (so
 * `KEY=$(npx pipeline keys create …)` works) — the only time it is ever shown.
 * `pipeline keys list` and `pipeline keys revoke ID` manage the rest.
 */
export async function keysCommand(ctx: CliContext, args: string[], options: KeysOptions): Promise<number> {
  const [action, id] = args;
  switch (action) {
    case 'create':
      return create(ctx, options);
    case 'list':
    case undefined:
      return list(ctx, options.json);
    case 'revoke':
      if (!id) throw new UsageError('keys revoke needs a key ID (see `pipeline keys list`)');
      return revoke(ctx, id);
    default:
      throw new UsageError(`unknown keys action ${JSON.stringify(action)}: create, list or revoke`);
  }
}

async function create(ctx: CliContext, options: KeysOptions): Promise<number> {
  if (!options.role || !options.name) throw new UsageError(`keys create needs --role (${API_KEY_ROLES.join('|')}) and --name NAME`);
  const created: CreatedApiKey = await ctx.get(CommandBus).execute(new CreateApiKey(options.name, options.role));
  out(created.key);
  info(
    `created ${created.role} key ${created.id} "${created.name}"; it is shown only this once. Send it as "Authorization: Bearer <key>" or "x-api-key: <key>".`,
  );
  return 0;
}

async function list(ctx: CliContext, json: boolean): Promise<number> {
  const keys: ApiKeySummary[] = await ctx.get(QueryBus).execute(new ListApiKeys());
  if (json) return (out(JSON.stringify(keys, null, 2)), 0);
  if (keys.length === 0) return (info('no API keys yet: `pipeline keys create --role admin --name NAME`'), 0);
  out(table([['ID', 'ROLE', 'NAME', 'CREATED', 'REVOKED'], ...keys.map((k) => [k.id, k.role, k.name, k.createdAt, k.revokedAt ?? '-'])]));
  return 0;
}

async function revoke(ctx: CliContext, id: string): Promise<number> {
  const revoked: boolean = await ctx.get(CommandBus).execute(new RevokeApiKey(id));
  if (!revoked) return (info(`no active key ${id}`), 1);
  info(`revoked key ${id} (a running API may accept it for up to API_KEY_CACHE_SECONDS more)`);
  return 0;
}
