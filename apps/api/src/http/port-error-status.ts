import type { PortErrorCode } from '@pipeline/domain/errors.js';

/** How each port error reaches a client: HTTP status and GraphQL error code. Mapping happens only at the edge. */
export const PORT_ERROR_RESPONSES: Readonly<Record<PortErrorCode, { readonly status: number; readonly code: string }>> = {
  NOT_FOUND: { status: 404, code: 'NOT_FOUND' },
  INVALID_INPUT: { status: 400, code: 'BAD_USER_INPUT' },
  INVALID_KEY: { status: 400, code: 'BAD_USER_INPUT' },
  INVALID_CONTRACT: { status: 400, code: 'BAD_USER_INPUT' },
  DECODE_FAILED: { status: 400, code: 'BAD_USER_INPUT' },
  CONCURRENCY_CONFLICT: { status: 409, code: 'CONFLICT' },
  LOCKED: { status: 423, code: 'LOCKED' },
  UNAVAILABLE: { status: 503, code: 'SERVICE_UNAVAILABLE' },
};
