import { Module, type DynamicModule } from '@nestjs/common';
import { PipelineAdaptersModule } from '@pipeline/adapters/pipeline-adapters.module.js';
import { PipelineApplicationModule } from '@pipeline/application/pipeline-application.module.js';
import type { PipelineConfig } from '@pipeline/adapters/config/pipeline-config.js';

/**
 * The reporter's composition root (the reporter Lambda's application context): the adapters of
 * the configured mode and the use cases. Run a report with
 * `app.get(CommandBus).execute(new GenerateDailyReport())`.
 */
@Module({})
export class ReporterModule {
  static forRoot(config: PipelineConfig, role: 'server' | 'cli' | 'lambda' = 'lambda'): DynamicModule {
    return { module: ReporterModule, imports: [PipelineAdaptersModule.forRoot(config, { role }), PipelineApplicationModule] };
  }
}
