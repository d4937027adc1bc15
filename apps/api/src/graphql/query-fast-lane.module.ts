import { Module } from '@nestjs/common';
import { QueryFastLane } from './query-fast-lane.js';

/** The lane on its own: the GraphQL module's async options plug it into Apollo, the HTTP setup sends requests to it. */
@Module({ providers: [QueryFastLane], exports: [QueryFastLane] })
export class QueryFastLaneModule {}
