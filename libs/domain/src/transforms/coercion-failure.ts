/**
 * Returned (not thrown) by a compiled coercer when a value does not fit its type.
 * A class rather than `{ ok, value }` so the hot path allocates nothing for good values.
 */
export class CoercionFailure {
  constructor(readonly message: string) {}
}

export type Coercer = (value: unknown) => unknown;
