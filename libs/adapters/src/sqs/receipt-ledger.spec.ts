import { ReceiptLedger } from './receipt-ledger.js';

describe('ReceiptLedger', () => {
  it('calls an earlier delivery stale once the message came back', () => {
    const ledger = new ReceiptLedger();
    ledger.record('m1', 'h1');
    expect(ledger.isStale('h1')).toBe(false);
    ledger.record('m1', 'h2');
    expect(ledger.isStale('h1')).toBe(true);
    expect(ledger.isStale('h2')).toBe(false);
  });

  it('calls every handle of an acked message stale', () => {
    const ledger = new ReceiptLedger();
    ledger.record('m1', 'h1');
    ledger.acked('h1');
    expect(ledger.isStale('h1')).toBe(true);
  });

  it('does not judge handles it never saw (another process received them)', () => {
    expect(new ReceiptLedger().isStale('foreign')).toBe(false);
  });

  it('forgets the oldest handles beyond its capacity', () => {
    const ledger = new ReceiptLedger(2);
    ledger.record('m1', 'h1');
    ledger.record('m1', 'h2');
    ledger.record('m2', 'h3');
    expect(ledger.isStale('h1')).toBe(false);
    expect(ledger.isStale('h2')).toBe(false);
  });
});
