/**
 * What an aggregate's `decide` returns: the events to append, or a refusal.
 * A refusal is an expected outcome (a command that does not apply to the current state),
 * so it is a value with a stable `code`, not a thrown error.
 */
export type DecideResult<E> =
  { readonly ok: true; readonly events: E[] } | { readonly ok: false; readonly code: string; readonly message: string };

/** The three functions that make an aggregate (oskardudycz/EventSourcing.NodeJS style). */
export interface Decider<C, E, S> {
  readonly initialState: S;
  evolve(state: S, event: E): S;
  decide(command: C, state: S): DecideResult<E>;
}

export const accept = <E>(...events: E[]): DecideResult<E> => ({ ok: true, events });

export const refuse = <E>(code: string, message: string): DecideResult<E> => ({ ok: false, code, message });
