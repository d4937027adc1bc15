import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { GraphQLModule, GraphQLSchemaHost } from '@nestjs/graphql';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { PipelineConfig } from '@pipeline/adapters/config/pipeline-config.js';
import { PipelineApplicationModule } from '@pipeline/application/pipeline-application.module.js';
import { ApiAuthModule } from './auth/api-auth.module.js';
import { ApiKeyAuthenticator } from './auth/api-key-authenticator.js';
import { ApiRoleGuard } from './auth/api-role.guard.js';
import { DatasetResolver } from './datasets/dataset.resolver.js';
import { graphqlOptions, isProduction, type GraphqlSurface } from './graphql/graphql-options.js';
import { ApiRequestMetrics } from './health/api-request-metrics.js';
import { HealthController } from './health/health.controller.js';
import { PipelineHealthResolver } from './health/pipeline-health.resolver.js';
import { ApiExceptionFilter } from './http/api-exception.filter.js';
import { IngestController } from './ingest/ingest.controller.js';
import { IngestResolver } from './ingest/ingest.resolver.js';
import { IngestionResolver } from './ingestions/ingestion.resolver.js';
import { IngestionUpdatedResolver } from './ingestions/ingestion-updated.resolver.js';
import { ReplayResolver } from './ingestions/replay.resolver.js';
import { QueryFastLaneModule } from './graphql/query-fast-lane.module.js';
import { QueryFastLane } from './graphql/query-fast-lane.js';
import { ProcessedRecordsResolver } from './records/processed-records.resolver.js';
import { ReportsResolver } from './reports/reports.resolver.js';
import { UploadController } from './uploads/upload.controller.js';

export const API_RESOLVERS = [
  ProcessedRecordsResolver,
  IngestionResolver,
  ReplayResolver,
  IngestionUpdatedResolver,
  DatasetResolver,
  PipelineHealthResolver,
  IngestResolver,
  ReportsResolver,
];

/**
 * The API's HTTP surface: GraphQL at /graphql (+ graphql-ws), POST /ingest, PUT /uploads/<token>,
 * GET /health, GET /metrics. It expects the (global) adapters module to be imported beside it, so
 * `npm start` can serve it from the worker's own module graph. The role
 * guard is global: every route and every top-level GraphQL field goes through it.
 */
@Module({})
export class ApiModule {
  static register(config: PipelineConfig, surface: GraphqlSurface): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        PipelineApplicationModule,
        ApiAuthModule,
        QueryFastLaneModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [ApiAuthModule, QueryFastLaneModule],
          // GraphQLSchemaHost holds the schema Nest built, by the time Apollo starts (the execution gateway reads it then).
          inject: [ApiKeyAuthenticator, GraphQLSchemaHost, QueryFastLane],
          useFactory: (authenticator: ApiKeyAuthenticator, schemaHost: GraphQLSchemaHost, fastLane: QueryFastLane) =>
            graphqlOptions(config, surface, authenticator, () => schemaHost.schema, fastLane),
        }),
      ],
      controllers: [IngestController, UploadController, HealthController],
      providers: [
        ...API_RESOLVERS,
        ApiRequestMetrics,
        { provide: APP_GUARD, useClass: ApiRoleGuard },
        { provide: APP_FILTER, useValue: new ApiExceptionFilter(isProduction(config)) },
      ],
      exports: [ApiAuthModule, ApiRequestMetrics],
    };
  }
}
