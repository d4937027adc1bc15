import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { isPortError } from '@pipeline/domain/errors.js';
import { PORT_ERROR_RESPONSES } from './port-error-status.js';

/**
 * The edge's error mapping for REST routes: HttpExceptions keep their status, port errors get
 * theirs (400, 404, 409, 503 …), anything else is a 500 whose details stay in the log. GraphQL
 * errors pass through untouched (formatGraphqlError maps those).
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Api');

  constructor(private readonly production: boolean) {}

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() !== 'http') return exception;
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      return res.status(exception.getStatus()).json(typeof body === 'string' ? { statusCode: exception.getStatus(), message: body } : body);
    }
    if (isPortError(exception)) {
      const { status, code } = PORT_ERROR_RESPONSES[exception.code];
      return res.status(status).json({ statusCode: status, error: code, message: exception.message });
    }
    this.logger.error(`unexpected error: ${(exception as Error)?.stack ?? String(exception)}`);
    const message = this.production ? 'internal error' : ((exception as Error)?.message ?? String(exception));
    return res.status(500).json({ statusCode: 500, error: 'INTERNAL_SERVER_ERROR', message });
  }
}
