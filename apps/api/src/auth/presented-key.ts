import type { IncomingHttpHeaders } from 'node:http';

/** The API key a request carries: `Authorization: Bearer <key>` or `x-api-key: <key>`. */
export function presentedKey(headers: IncomingHttpHeaders | Readonly<Record<string, unknown>>): string | undefined {
  const authorization = headerValue(headers, 'authorization');
  const bearer = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1] : undefined;
  return bearer ?? headerValue(headers, 'x-api-key')?.trim() ?? undefined;
}

function headerValue(headers: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = headers[name] ?? headers[name.toLowerCase()] ?? Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.length > 0 ? first : undefined;
}
