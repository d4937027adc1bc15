/** Records that an ingestion's message exhausted its receives and went to the dead-letter queue. */
export class DeadLetterIngestion {
  constructor(
    readonly ingestionId: string,
    readonly lastError: string,
  ) {}
}
