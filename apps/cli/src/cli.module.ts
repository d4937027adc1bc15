import { Module, type DynamicModule } from '@nestjs/common';
import { PipelineAdaptersModule } from '@pipeline/adapters/pipeline-adapters.module.js';
import { PipelineApplicationModule } from '@pipeline/application/pipeline-application.module.js';
import type { PipelineConfig } from '@pipeline/adapters/config/pipeline-config.js';

/** The CLI's composition root: the same adapters and use cases as the worker, no background loops. */
@Module({})
export class CliModule {
  static forRoot(config: PipelineConfig): DynamicModule {
    return { module: CliModule, imports: [PipelineAdaptersModule.forRoot(config, { role: 'cli' }), PipelineApplicationModule] };
  }
}
