import type { Decider } from '../decider.js';

/**
 * Given-events / when-command / then-events for a pure decider:
 *   given(decider, e1, e2).when(cmd).then(e3)
 *   given(decider).when(cmd).thenRefuses('CODE')
 */
export function given<C, E, S>(decider: Decider<C, E, S>, ...events: E[]) {
  const state = events.reduce(decider.evolve, decider.initialState);
  return {
    state,
    when(command: C) {
      const result = decider.decide(command, state);
      return {
        result,
        then(...expected: E[]): S {
          expect(result).toEqual({ ok: true, events: expected });
          return result.ok ? result.events.reduce(decider.evolve, state) : state;
        },
        thenRefuses(code: string, messagePart = ''): void {
          expect(result).toMatchObject({ ok: false, code });
          if (!result.ok) expect(result.message).toContain(messagePart);
        },
      };
    },
  };
}
