/** Colours, chosen to stay legible printed in greyscale and for red-green colour blindness (blue vs orange). */
export const PALETTE = {
  valid: '#2b6cb0',
  quarantined: '#dd6b20',
  neutral: '#718096',
  highlight: '#2c5282',
  grid: '#e2e8f0',
  text: '#1a202c',
  muted: '#4a5568',
  ok: '#276749',
  okBg: '#f0fff4',
  alarm: '#9b2c2c',
  alarmBg: '#fff5f5',
  noData: '#4a5568',
  noDataBg: '#edf2f7',
  border: '#cbd5e0',
} as const;
