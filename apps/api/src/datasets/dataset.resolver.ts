import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { DataContract } from '@pipeline/domain/contract/data-contract.js';
import type { DatasetView } from '@pipeline/domain/read-models/dataset-view.js';
import { NotFoundError } from '@pipeline/domain/errors.js';
import type { ApiPrincipal } from '@pipeline/application/api-keys/authenticate-api-key/authenticate-api-key.query.js';
import { DefineDataset, type DefineDatasetResult } from '@pipeline/application/dataset/define-dataset/define-dataset.command.js';
import { GetDataset, ListDatasets } from '@pipeline/application/dataset/queries/list-datasets.query.js';
import { RequireRole } from '../auth/api-role.decorator.js';
import { CurrentPrincipal, requestedBy } from '../auth/current-principal.decorator.js';
import { DatasetContractVersion, DatasetModel, DefineDatasetInput } from './dataset.model.js';

type DatasetDetails = { view: DatasetView; versions: DataContract[] } | null;

@Resolver(() => DatasetModel)
export class DatasetResolver {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly commandBus: CommandBus,
  ) {}

  @Query(() => [DatasetModel], { description: 'Every dataset with its current contract.' })
  @RequireRole('reader')
  async datasets(): Promise<DatasetModel[]> {
    const views: DatasetView[] = await this.queryBus.execute(new ListDatasets());
    return views.map((view) => toDatasetModel(view));
  }

  @Query(() => DatasetModel, { nullable: true, description: 'One dataset with every contract version.' })
  @RequireRole('reader')
  async dataset(@Args('name') name: string): Promise<DatasetModel | null> {
    const details: DatasetDetails = await this.queryBus.execute(new GetDataset(name));
    return details ? toDatasetModel(details.view, details.versions) : null;
  }

  @Mutation(() => DatasetModel, { description: 'Defines a dataset or records a new version of its contract.' })
  @RequireRole('admin')
  async defineDataset(@Args('input') input: DefineDatasetInput, @CurrentPrincipal() principal: ApiPrincipal | null): Promise<DatasetModel> {
    const result: DefineDatasetResult = await this.commandBus.execute(new DefineDataset(input.contract, 'api', requestedBy(principal)));
    const details: DatasetDetails = await this.queryBus.execute(new GetDataset(result.dataset));
    if (!details) throw new NotFoundError(`dataset ${result.dataset} was defined but cannot be read back`);
    return toDatasetModel(details.view, details.versions);
  }

  @ResolveField(() => [DatasetContractVersion], { description: 'Every contract version, oldest first.', complexity: 5 })
  async versions(@Parent() dataset: DatasetModel): Promise<DatasetContractVersion[]> {
    const versions =
      dataset.loadedVersions ?? ((await this.queryBus.execute(new GetDataset(dataset.name))) as DatasetDetails)?.versions ?? [];
    return [...versions].sort((a, b) => a.version - b.version).map((contract) => ({ version: contract.version, contract }));
  }
}

function toDatasetModel(view: DatasetView, versions?: readonly DataContract[]): DatasetModel {
  return {
    name: view.name,
    currentVersion: view.currentVersion,
    inferred: view.inferred,
    updatedAt: view.updatedAt,
    contract: view.contract,
    ...(versions ? { loadedVersions: versions } : {}),
  };
}
