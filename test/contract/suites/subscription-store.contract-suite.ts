import { randomUUID } from 'node:crypto';
import type { SubscriptionStore } from '@pipeline/domain/ports/subscription-store.js';
import type { SubscriptionView } from '@pipeline/domain/subscriptions/subscription-view.js';

const view = (overrides: Partial<SubscriptionView> = {}): SubscriptionView => ({
  subscriptionId: randomUUID(),
  protocol: 'WEBHOOK',
  endpoint: `https://hooks.example.com/${randomUUID()}`,
  status: 'confirmed',
  providerRef: null,
  requestedAt: '2026-11-25T08:00:00.000Z',
  confirmedAt: '2026-11-25T08:00:00.000Z',
  cancelledAt: null,
  lastEventVersion: 2,
  ...overrides,
});

/** Every SubscriptionStore adapter must pass this. */
export function describeSubscriptionStoreContract(name: string, makeAdapter: () => Promise<SubscriptionStore>): void {
  describe(`${name} — SubscriptionStore contract`, () => {
    let store: SubscriptionStore;

    beforeAll(async () => {
      store = await makeAdapter();
    }, 60_000);

    it('stores and reads a view', async () => {
      const v = view({ protocol: 'EMAIL', endpoint: 'ops@example.com', providerRef: 'arn:aws:sns:x' });
      await store.upsert(v);
      expect(await store.get(v.subscriptionId)).toEqual(v);
      expect(await store.get(randomUUID())).toBeNull();
    });

    it('only moves forward: an older event version never overwrites a newer one', async () => {
      const v = view({ lastEventVersion: 3, status: 'cancelled', cancelledAt: '2026-11-26T00:00:00.000Z' });
      await store.upsert(v);
      await store.upsert({ ...v, lastEventVersion: 2, status: 'confirmed', cancelledAt: null });
      expect(await store.get(v.subscriptionId)).toEqual(v);
    });

    it('finds the live subscription of an endpoint, never a cancelled one', async () => {
      const endpoint = `https://hooks.example.com/${randomUUID()}`;
      const cancelled = view({
        endpoint,
        status: 'cancelled',
        cancelledAt: '2026-11-25T09:00:00.000Z',
        requestedAt: '2026-11-25T07:00:00.000Z',
      });
      const live = view({ endpoint, status: 'pending', confirmedAt: null });
      await store.upsert(cancelled);
      expect(await store.findActive('WEBHOOK', endpoint)).toBeNull();
      await store.upsert(live);
      expect(await store.findActive('WEBHOOK', endpoint)).toEqual(live);
      expect(await store.findActive('EMAIL', endpoint)).toBeNull();
    });

    it('lists oldest first, cancelled ones only when asked', async () => {
      const all = await store.list({ includeCancelled: true });
      const active = await store.list({ includeCancelled: false });
      expect(all.length).toBeGreaterThan(active.length);
      expect(active.every((s) => s.status !== 'cancelled')).toBe(true);
      const times = all.map((s) => s.requestedAt);
      expect(times).toEqual([...times].sort());
    });
  });
}
