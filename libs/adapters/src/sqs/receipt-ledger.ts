/**
 * The receipt handles this process received, and the newest one of each message. SQS (and moto)
 * may accept an older delivery's handle for DeleteMessage or ChangeMessageVisibility — deleting a
 * message another consumer now holds. The ledger lets the adapter ignore such stale handles for
 * deliveries it received itself; across processes SQS's own semantics remain (harmless here:
 * processing is idempotent and the event store refuses a second start).
 */
export class ReceiptLedger {
  /** handle → message id, oldest first (Map keeps insertion order). */
  private readonly messageOf = new Map<string, string>();
  private readonly newest = new Map<string, string>();

  constructor(private readonly capacity = 10_000) {}

  record(messageId: string, handle: string): void {
    this.messageOf.set(handle, messageId);
    this.newest.set(messageId, handle);
    if (this.messageOf.size > this.capacity) this.forgetOldest();
  }

  /** True when this process has since received the message under a newer handle, or acked it. */
  isStale(handle: string): boolean {
    const messageId = this.messageOf.get(handle);
    return messageId !== undefined && this.newest.get(messageId) !== handle;
  }

  /** The message was deleted: any handle of it is stale from now on. */
  acked(handle: string): void {
    const messageId = this.messageOf.get(handle);
    if (messageId !== undefined && this.newest.get(messageId) === handle) this.newest.delete(messageId);
  }

  private forgetOldest(): void {
    const [handle, messageId] = this.messageOf.entries().next().value as [string, string];
    this.messageOf.delete(handle);
    if (this.newest.get(messageId) === handle) this.newest.delete(messageId);
  }
}
