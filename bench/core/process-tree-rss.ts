import { readdirSync, readFileSync } from 'node:fs';

/**
 * Resident memory of a process and all its descendants, from /proc (Linux). The root's VmHWM is
 * its exact peak even between samples; descendants (none today: DuckDB and pg run in-process)
 * are summed from VmRSS samples.
 */
export function processTreeMemory(rootPid: number): { readonly rssBytes: number; readonly rootPeakBytes: number } | null {
  const root = statusKb(rootPid);
  if (!root) return null;
  let rssKb = root.rss;
  for (const pid of descendantsOf(rootPid)) rssKb += statusKb(pid)?.rss ?? 0;
  return { rssBytes: rssKb * 1024, rootPeakBytes: root.hwm * 1024 };
}

function statusKb(pid: number): { rss: number; hwm: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return { rss: field(status, 'VmRSS'), hwm: field(status, 'VmHWM') };
  } catch {
    return null;
  }
}

function field(status: string, name: string): number {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : 0;
}

/** /proc/<pid>/task/<tid>/children is not compiled into every kernel: walk every process's ppid instead. */
function descendantsOf(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const ppid = parentOf(entry);
    if (ppid !== null) children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  const queue = [...(children.get(rootPid) ?? [])];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    found.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

function parentOf(pid: string): number | null {
  try {
    // The command name may hold spaces and parentheses: the fields after the last ')' are safe.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}
