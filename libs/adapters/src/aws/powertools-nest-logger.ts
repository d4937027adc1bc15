import type { LoggerService } from '@nestjs/common';
import type { Logger } from '@aws-lambda-powertools/logger';

/**
 * Nest's log calls (and every `new Logger('Context')` in the code) as Powertools structured JSON
 * lines, so a Lambda's logs are one format CloudWatch Logs Insights can query, with the request id.
 */
export class PowertoolsNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.logger.info(text(message), context(rest));
  }

  error(message: unknown, ...rest: unknown[]): void {
    // Nest passes (message, stack?, context?).
    const [stack, ...others] = rest;
    this.logger.error(text(message), { ...context(others), ...(typeof stack === 'string' && stack ? { stack } : {}) });
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.logger.warn(text(message), context(rest));
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.logger.debug(text(message), context(rest));
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.logger.debug(text(message), context(rest));
  }
}

const text = (message: unknown): string =>
  typeof message === 'string' ? message : message instanceof Error ? message.message : JSON.stringify(message);
const context = (rest: unknown[]): { context?: string } => {
  const last = rest.at(-1);
  return typeof last === 'string' ? { context: last } : {};
};
