/** What an API key may do: `reader` queries, `ingester` also ingests and uploads, `admin` does everything. */
export type ApiKeyRole = 'reader' | 'ingester' | 'admin';

export const API_KEY_ROLES: readonly ApiKeyRole[] = ['reader', 'ingester', 'admin'];

const RANK: Readonly<Record<ApiKeyRole, number>> = { reader: 1, ingester: 2, admin: 3 };

/** Roles are ordered: a key may do what its role and every lower role may do. */
export const roleAllows = (held: ApiKeyRole, required: ApiKeyRole): boolean => RANK[held] >= RANK[required];

export const isApiKeyRole = (value: unknown): value is ApiKeyRole => (API_KEY_ROLES as readonly unknown[]).includes(value);
