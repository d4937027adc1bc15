import { ConfigError } from '../config/pipeline-config.js';

/**
 * The RDS credentials secret (DB_SECRET_ARN) as a PostgreSQL URL. The secret is JSON:
 * `{"username", "password", "host"?, "port"?, "dbname"?, "sslmode"?}` — the fields of an RDS
 * secret. What it lacks comes from `defaults` (DB_HOST, DB_PORT, DB_NAME: an RDS-managed master
 * secret holds only username and password); then `dbname` defaults to postgres, `port` to 5432,
 * `sslmode` to `no-verify` (TLS without
 * checking the certificate chain, which Lambda's trust store does not hold for RDS; RDS PostgreSQL
 * 15+ refuses unencrypted connections). `pipeline aws provision` writes `"sslmode": "disable"` for a
 * local server.
 * @example databaseUrlFromSecret('{"username":"app","password":"p@ss","host":"db","dbname":"pipeline"}')
 * // 'postgres://app:p%40ss@db:5432/pipeline?sslmode=no-verify'
 */
export function databaseUrlFromSecret(secretJson: string, defaults: DatabaseDefaults = {}): string {
  let secret: Record<string, unknown>;
  try {
    secret = JSON.parse(secretJson) as Record<string, unknown>;
  } catch {
    throw new ConfigError('the database secret (DB_SECRET_ARN) is not JSON');
  }
  const fallback: Record<string, string | undefined> = { host: defaults.host, port: defaults.port, dbname: defaults.dbname };
  const text = (name: string): string | undefined =>
    typeof secret[name] === 'string' || typeof secret[name] === 'number' ? String(secret[name]) : fallback[name];
  // An empty password is allowed: a local server with trust authentication has none.
  const missing = ['username', 'host'].filter((f) => !text(f)).concat(text('password') === undefined ? ['password'] : []);
  if (missing.length > 0)
    throw new ConfigError(`the database secret (DB_SECRET_ARN) lacks ${missing.join(', ')}, and DB_HOST does not say`);
  const port = text('port') ?? '5432';
  if (!/^\d{1,5}$/.test(port)) throw new ConfigError(`the database secret's port ${JSON.stringify(port)} is not a port number`);
  const sslmode = text('sslmode') ?? 'no-verify';
  const database = encodeURIComponent(text('dbname') ?? 'postgres');
  const auth = `${encodeURIComponent(text('username')!)}:${encodeURIComponent(text('password')!)}`;
  return `postgres://${auth}@${hostPart(text('host')!)}:${port}/${database}?sslmode=${encodeURIComponent(sslmode)}`;
}

/** DB_HOST / DB_PORT / DB_NAME: what an RDS-managed master secret (username and password only) leaves out. */
export interface DatabaseDefaults {
  readonly host?: string;
  readonly port?: string;
  readonly dbname?: string;
}

/** The secret a provisioner stores for a database URL: the inverse of databaseUrlFromSecret. */
export function secretFromDatabaseUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return JSON.stringify({
    engine: 'postgres',
    username: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: Number(url.port || 5432),
    dbname: decodeURIComponent(url.pathname.replace(/^\//, '')) || 'postgres',
    sslmode: url.searchParams.get('sslmode') ?? 'disable',
  });
}

const hostPart = (host: string): string => (host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);
