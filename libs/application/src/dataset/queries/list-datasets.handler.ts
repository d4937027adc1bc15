import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DatasetReadModel } from '@pipeline/domain/ports/read-model-stores.js';
import type { DatasetView } from '@pipeline/domain/read-models/dataset-view.js';
import type { DataContract } from '@pipeline/domain/contract/data-contract.js';
import { GetDataset, ListDatasets } from './list-datasets.query.js';

@QueryHandler(ListDatasets)
export class ListDatasetsHandler implements IQueryHandler<ListDatasets, DatasetView[]> {
  constructor(private readonly readModel: DatasetReadModel) {}

  execute(): Promise<DatasetView[]> {
    return this.readModel.list();
  }
}

@QueryHandler(GetDataset)
export class GetDatasetHandler implements IQueryHandler<GetDataset, { view: DatasetView; versions: DataContract[] } | null> {
  constructor(private readonly readModel: DatasetReadModel) {}

  async execute(query: GetDataset) {
    const view = await this.readModel.get(query.name);
    return view ? { view, versions: await this.readModel.versions(query.name) } : null;
  }
}
