import { Logger } from '@aws-lambda-powertools/logger';
import type { PipelineConfig } from '../config/pipeline-config.js';

const LEVELS = { debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR' } as const;

/** Structured JSON logs (Powertools) for one Lambda, at LOG_LEVEL, tagged with the environment. */
export function lambdaLogger(serviceName: string, config: Pick<PipelineConfig, 'logLevel' | 'environment'>): Logger {
  return new Logger({ serviceName, logLevel: LEVELS[config.logLevel], persistentKeys: { environment: config.environment } });
}
