import { Module, type DynamicModule } from '@nestjs/common';
import { PipelineAdaptersModule } from '@pipeline/adapters/pipeline-adapters.module.js';
import { PipelineApplicationModule } from '@pipeline/application/pipeline-application.module.js';
import { PipelineConfig } from '@pipeline/adapters/config/pipeline-config.js';
import { InboxWatcher } from './inbox/inbox-watcher.js';

/** The local processor: worker loop plus the inbox folder watcher. */
@Module({})
export class ProcessorModule {
  static forRoot(config: PipelineConfig): DynamicModule {
    return {
      module: ProcessorModule,
      imports: [PipelineAdaptersModule.forRoot(config, { role: 'server' }), PipelineApplicationModule],
      providers: [InboxWatcher],
      exports: [InboxWatcher],
    };
  }
}
