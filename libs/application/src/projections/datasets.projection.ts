import { Injectable } from '@nestjs/common';
import type { StoredEvent } from '@pipeline/domain/events/domain-event.js';
import type { DatasetEvent } from '@pipeline/domain/events/dataset-events.js';
import { DatasetReadModel } from '@pipeline/domain/ports/read-model-stores.js';
import { Projection } from '../event-sourcing/projection.js';

/** Keeps `datasets` and `dataset_contract_versions` current. */
@Injectable()
export class DatasetsProjection extends Projection {
  readonly name = 'datasets';

  constructor(private readonly readModel: DatasetReadModel) {
    super();
  }

  handles(type: string): boolean {
    return type === 'DatasetDefined' || type === 'DatasetContractRevised';
  }

  async project(event: StoredEvent): Promise<void> {
    const data = event.data as DatasetEvent['data'];
    const at = 'definedAt' in data ? data.definedAt : data.revisedAt;
    await this.readModel.recordVersion(data.contract, at);
    await this.readModel.upsert({
      name: data.dataset,
      currentVersion: data.contract.version,
      contract: data.contract,
      inferred: data.contract.inferred,
      updatedAt: at,
    });
  }
}
