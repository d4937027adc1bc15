import { evaluateAlarms, type HealthFigures } from './pipeline-alarms.js';

const calm: HealthFigures = { errorRate: 0, p99LatencySeconds: 1, deadLetterDepth: 0, stalest: { dataset: 'orders', ageSeconds: 60 } };
const stateOf = (f: HealthFigures, name: string) => evaluateAlarms(f).find((a) => a.name === name)?.state;

describe('evaluateAlarms', () => {
  it.each([
    ['ErrorRate', { errorRate: 0.01 }, 'OK'],
    ['ErrorRate', { errorRate: 0.0101 }, 'ALARM'],
    ['P99Latency', { p99LatencySeconds: 30 }, 'OK'],
    ['P99Latency', { p99LatencySeconds: 30.5 }, 'ALARM'],
    ['P99Latency', { p99LatencySeconds: null }, 'OK'],
    ['DeadLetterDepth', { deadLetterDepth: 5 }, 'OK'],
    ['DeadLetterDepth', { deadLetterDepth: 6 }, 'ALARM'],
    ['DataStale', { stalest: { dataset: 'a', ageSeconds: 3600 } }, 'OK'],
    ['DataStale', { stalest: { dataset: 'a', ageSeconds: 3601 } }, 'ALARM'],
    ['DataStale', { stalest: null }, 'OK'],
  ] as const)('%s with %j is %s', (name, change, expected) => {
    expect(stateOf({ ...calm, ...change } as HealthFigures, name)).toBe(expected);
  });

  it('reports every seed alarm with its value and threshold', () => {
    const alarms = evaluateAlarms({ ...calm, deadLetterDepth: 7 });
    expect(alarms.map((a) => a.name)).toEqual(['ErrorRate', 'P99Latency', 'DeadLetterDepth', 'DataStale']);
    expect(alarms[2]).toMatchObject({ state: 'ALARM', value: 7, threshold: 5, unit: 'messages' });
    expect(alarms[3].description).toContain('orders');
  });
});
