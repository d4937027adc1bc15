import { ConfigError } from '../config/pipeline-config.js';

/** Names Nest (and `await`) probe on any provider; an unconfigured port must not answer them. */
const PROBED = new Set([
  'then',
  'onModuleInit',
  'onApplicationBootstrap',
  'onModuleDestroy',
  'beforeApplicationShutdown',
  'onApplicationShutdown',
  'constructor',
]);

/**
 * Stands in for an adapter whose variable is not set: the application starts, and only a call
 * that needs it fails, naming the variable. So each Lambda is given only the variables its code
 * paths use (the processor never touches REPORT_HISTORY_TABLE, though a projection holds the port).
 * @example aws.reportHistoryTable ? new DynamoDbReportHistory(…) : unconfiguredPort<ReportHistory>('ReportHistory', 'REPORT_HISTORY_TABLE')
 */
export function unconfiguredPort<T extends object>(port: string, variable: string): T {
  return new Proxy({} as T, {
    get(_target, property) {
      if (typeof property === 'symbol' || PROBED.has(property)) return undefined;
      return () => {
        throw new ConfigError(`${port}.${property} needs ${variable}: PIPELINE_MODE=aws and ${variable} is not set`);
      };
    },
  });
}
