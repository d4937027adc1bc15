export class ListDatasets {}

export class GetDataset {
  constructor(readonly name: string) {}
}
