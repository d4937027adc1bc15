import { Module, type DynamicModule } from '@nestjs/common';
import { PipelineAdaptersModule } from '@pipeline/adapters/pipeline-adapters.module.js';
import { PipelineApplicationModule } from '@pipeline/application/pipeline-application.module.js';
import type { PipelineConfig } from '@pipeline/adapters/config/pipeline-config.js';

/** The processor Lambda's composition root: adapters for PIPELINE_MODE (aws on Lambda) and the use cases, no loops. */
@Module({})
export class ProcessorLambdaModule {
  static forRoot(config: PipelineConfig): DynamicModule {
    return {
      module: ProcessorLambdaModule,
      imports: [PipelineAdaptersModule.forRoot(config, { role: 'lambda' }), PipelineApplicationModule],
    };
  }
}
