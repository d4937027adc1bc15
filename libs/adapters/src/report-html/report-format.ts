/** Number and time formatting for the report (en-US grouping, UTC times). */

export const count = (n: number): string => Math.round(n).toLocaleString('en-US');

export const percent = (ratio: number | null, digits = 1): string => (ratio === null ? '–' : `${(ratio * 100).toFixed(digits)} %`);

export function signedPercent(ratio: number | null): string {
  if (ratio === null) return '–';
  return `${ratio > 0 ? '+' : ''}${(ratio * 100).toFixed(0)} %`;
}

export function duration(ms: number | null): string {
  if (ms === null) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return joinUnits(Math.floor(ms / 60_000), 'min', Math.round((ms % 60_000) / 1000), 's');
  return joinUnits(Math.floor(ms / 3_600_000), 'h', Math.round((ms % 3_600_000) / 60_000), 'min');
}

function joinUnits(major: number, majorUnit: string, minor: number, minorUnit: string): string {
  return minor ? `${major} ${majorUnit} ${minor} ${minorUnit}` : `${major} ${majorUnit}`;
}

export function bytes(n: number | null): string {
  if (n === null) return '–';
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let u = 0;
  for (; v >= 1024 && u < units.length - 1; u++) v /= 1024;
  return `${v.toFixed(1)} ${units[u]}`;
}

/** `2026-11-25T08:00:03.120Z` → `2026-11-25 08:00 UTC`. */
export const utc = (iso: string | null): string => (iso === null ? '–' : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`);

/** Shortens long values for table cells; the full text goes in a title attribute. */
export const clip = (text: string, max = 120): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Axis tick: 1234567 → 1.2M. */
export function compact(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${+(n / 1e9).toFixed(1)}G`;
  if (abs >= 1e6) return `${+(n / 1e6).toFixed(1)}M`;
  if (abs >= 1e3) return `${+(n / 1e3).toFixed(1)}k`;
  return `${+n.toFixed(2)}`;
}
