/**
 * Synchronous clean-ups to run if the benchmark is stopped by a signal, when `finally` blocks never
 * run: kill the measured child, stop the throwaway server, remove temp folders. Each owner removes
 * its entry once it has cleaned up normally.
 */
const cleanups = new Set<() => void>();

/** Registers `cleanup`; call the returned function to unregister it. */
export function onAbort(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** Runs every registered clean-up, newest first, each at most once; failures are reported and skipped. */
export function runAbortCleanups(report: (message: string) => void): void {
  for (const cleanup of [...cleanups].reverse()) {
    cleanups.delete(cleanup);
    try {
      cleanup();
    } catch (error) {
      report(`clean-up failed: ${(error as Error).message}`);
    }
  }
}
