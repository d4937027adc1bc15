import { loadPipelineConfig } from '@pipeline/adapters/config/pipeline-config.js';
import { UsageError } from './ingest.command.js';
import { awsPollCommand } from './aws-poll.command.js';
import { awsProvisionCommand } from './aws-provision.command.js';

export interface AwsOptions {
  readonly prefix?: string;
  readonly notifications?: string;
  readonly 'until-idle'?: boolean;
}

/**
 * `pipeline aws provision|poll`: aws mode on one machine. Neither needs the pipeline's Nest
 * application (provision runs before there is anything to connect to; poll runs the processor
 * Lambda's own), so `main` calls this before building one.
 */
export function awsCommand(args: readonly string[], options: AwsOptions): Promise<number> {
  const [sub, ...rest] = args;
  if (rest.length > 0) throw new UsageError(`aws ${sub} takes no arguments`);
  const config = loadPipelineConfig();
  switch (sub) {
    case 'provision':
      return awsProvisionCommand(config, { prefix: options.prefix, notifications: options.notifications });
    case 'poll':
      return awsPollCommand(config, { untilIdle: Boolean(options['until-idle']) });
    default:
      throw new UsageError(
        'aws needs a subcommand: provision [--prefix NAME] [--notifications auto|eventbridge|direct] | poll [--until-idle]',
      );
  }
}
