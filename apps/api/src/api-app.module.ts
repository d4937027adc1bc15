import { Module, type DynamicModule } from '@nestjs/common';
import { PipelineConfig } from '@pipeline/adapters/config/pipeline-config.js';
import { PipelineAdaptersModule, type PipelineRole } from '@pipeline/adapters/pipeline-adapters.module.js';
import { PipelineApplicationModule } from '@pipeline/application/pipeline-application.module.js';
import { ApiModule } from './api.module.js';

/** The API on its own (`node dist/apps/api/src/main.js`, the api Lambda): adapters, use cases, HTTP surface. */
@Module({})
export class ApiAppModule {
  static forRoot(config: PipelineConfig, role: PipelineRole): DynamicModule {
    return {
      module: ApiAppModule,
      imports: [
        PipelineAdaptersModule.forRoot(config, { role }),
        PipelineApplicationModule,
        ApiModule.register(config, { subscriptions: role === 'server', compiledExecution: role === 'server' }),
      ],
    };
  }
}

/** `npm start`: the worker's own module graph (adapters, use cases, loops) with the API served beside it in one process. */
@Module({})
export class PipelineWithApiModule {
  static around(host: DynamicModule, config: PipelineConfig): DynamicModule {
    return { module: PipelineWithApiModule, imports: [host, ApiModule.register(config, { subscriptions: true, compiledExecution: true })] };
  }
}
