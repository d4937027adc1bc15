import { PortError } from '@pipeline/domain/errors.js';
import { API_KEY_ROLES, isApiKeyRole, type ApiKeyRole } from '@pipeline/domain/api-keys/api-key-role.js';

/** Names label keys in listings and logs: short, printable, one line. */
export function checkApiKeyName(name: string): string {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (!/^[\p{L}\p{N} ._@:/-]{1,100}$/u.test(trimmed)) {
    throw new PortError('INVALID_INPUT', 'an API key name must be 1 to 100 letters, digits, spaces or ._@:/- characters');
  }
  return trimmed;
}

export function checkApiKeyRole(role: string): ApiKeyRole {
  if (!isApiKeyRole(role)) throw new PortError('INVALID_INPUT', `role ${JSON.stringify(role)} is not one of ${API_KEY_ROLES.join(', ')}`);
  return role;
}
