import { ConfigError } from '../config/pipeline-config.js';
import { databaseUrlFromSecret, secretFromDatabaseUrl } from './database-secret.js';

describe('databaseUrlFromSecret', () => {
  it('builds a URL from an RDS secret, escaping credentials and defaulting to TLS without chain checks', () => {
    const secret = {
      username: 'app',
      password: 'p@ss/w:rd',
      engine: 'postgres',
      host: 'db.cluster.eu-west-1.rds.amazonaws.com',
      port: 5432,
      dbname: 'pipeline',
    };
    expect(databaseUrlFromSecret(JSON.stringify(secret))).toBe(
      'postgres://app:p%40ss%2Fw%3Ard@db.cluster.eu-west-1.rds.amazonaws.com:5432/pipeline?sslmode=no-verify',
    );
  });

  it('defaults port and database, accepts an empty password and an explicit sslmode', () => {
    expect(databaseUrlFromSecret('{"username":"postgres","password":"","host":"127.0.0.1","sslmode":"disable"}')).toBe(
      'postgres://postgres:@127.0.0.1:5432/postgres?sslmode=disable',
    );
  });

  it('completes an RDS-managed master secret (username and password only) from DB_HOST, DB_PORT and DB_NAME', () => {
    const managed = '{"username":"pipeline_admin","password":"s3cr3t"}';
    expect(databaseUrlFromSecret(managed, { host: 'db.abc.eu-west-1.rds.amazonaws.com', port: '5432', dbname: 'pipeline' })).toBe(
      'postgres://pipeline_admin:s3cr3t@db.abc.eu-west-1.rds.amazonaws.com:5432/pipeline?sslmode=no-verify',
    );
    expect(databaseUrlFromSecret('{"username":"u","password":"p","host":"from-secret"}', { host: 'from-env', dbname: 'x' })).toBe(
      'postgres://u:p@from-secret:5432/x?sslmode=no-verify',
    );
  });

  it('brackets an IPv6 host', () => {
    expect(databaseUrlFromSecret('{"username":"u","password":"p","host":"::1","port":"6543"}')).toBe(
      'postgres://u:p@[::1]:6543/postgres?sslmode=no-verify',
    );
  });

  it.each([
    ['not JSON', 'nope', 'not JSON'],
    ['no host (an RDS-managed master secret holds only username and password)', '{"username":"u","password":"p"}', 'lacks host'],
    ['a port that is no number', '{"username":"u","password":"p","host":"h","port":"x"}', 'not a port'],
  ])('refuses %s with a ConfigError', (_label, text, message) => {
    expect(() => databaseUrlFromSecret(text)).toThrow(ConfigError);
    expect(() => databaseUrlFromSecret(text)).toThrow(message);
  });

  it('round-trips a URL through the secret a provisioner stores', () => {
    const url = 'postgres://user:secret@127.0.0.1:40283/test_db?sslmode=disable';
    expect(databaseUrlFromSecret(secretFromDatabaseUrl(url))).toBe(url);
    expect(JSON.parse(secretFromDatabaseUrl('postgres://postgres@localhost/db'))).toMatchObject({
      password: '',
      port: 5432,
      sslmode: 'disable',
    });
  });
});
