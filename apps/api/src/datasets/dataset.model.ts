import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import type { DataContract } from '@pipeline/domain/contract/data-contract.js';
import { JsonScalar } from '../graphql/json.scalar.js';

@ObjectType()
export class DatasetContractVersion {
  @Field(() => Int) version!: number;
  @Field(() => JsonScalar, { description: 'The contract: fields, primary key, rules, transforms.' }) contract!: unknown;
}

@ObjectType('Dataset')
export class DatasetModel {
  @Field() name!: string;
  @Field(() => Int) currentVersion!: number;
  @Field({ description: 'True when the contract was inferred from data, not written by a person.' }) inferred!: boolean;
  @Field() updatedAt!: string;
  @Field(() => JsonScalar, { description: 'The current contract.' }) contract!: unknown;
  /** Not a GraphQL field: every version, when already read; `versions` reads them otherwise. */
  loadedVersions?: readonly DataContract[];
}

@InputType()
export class DefineDatasetInput {
  @Field(() => JsonScalar, {
    description:
      'A data contract as in datasets/<name>.yaml, as JSON: { dataset, fields, primaryKey, rules, transforms, … }. A changed contract becomes a new version.',
  })
  contract!: unknown;
}
