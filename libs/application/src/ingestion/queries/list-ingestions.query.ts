import type { IngestionFilter } from '@pipeline/domain/ports/read-model-stores.js';

export class ListIngestions {
  constructor(readonly filter: IngestionFilter) {}
}
