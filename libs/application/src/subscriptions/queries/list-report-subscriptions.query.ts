/** Report subscriptions, oldest first; cancelled ones only when asked for. */
export class ListReportSubscriptions {
  constructor(readonly includeCancelled = false) {}
}
