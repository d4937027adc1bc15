import { Module, type DynamicModule } from '@nestjs/common';
import { PipelineConfig } from './config/pipeline-config.js';
import { localProviders } from './local-providers.js';
import { awsProviders } from './aws-providers.js';
import type { PipelineRole } from './pipeline-role.js';

export type { PipelineRole } from './pipeline-role.js';

/** The one place adapters are chosen, from PIPELINE_MODE; everything above it sees only ports. */
@Module({})
export class PipelineAdaptersModule {
  static forRoot(config: PipelineConfig, options: { role: PipelineRole }): DynamicModule {
    const providers = config.mode === 'aws' ? awsProviders(config, options.role) : localProviders(config, options.role);
    return {
      module: PipelineAdaptersModule,
      global: true,
      providers,
      exports: providers.map((p) => (p as { provide: unknown }).provide as never),
    };
  }
}
