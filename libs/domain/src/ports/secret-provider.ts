/** Reads secrets (database credentials, signing keys). */
export abstract class SecretProvider {
  /** @example JSON.parse(await secrets.get(process.env.DB_SECRET_ARN)) */
  abstract get(name: string): Promise<string>;
}
