import { Controller, Headers, HttpCode, Param, Put, Req, HttpException } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Request } from 'express';
import {
  AcceptUpload,
  type AcceptUploadResult,
  type UploadRefusal,
} from '@pipeline/application/ingestion/accept-upload/accept-upload.command.js';
import { PublicRoute } from '../auth/api-role.decorator.js';

const STATUS: Readonly<Record<UploadRefusal, number>> = {
  expired: 403,
  tampered: 403,
  malformed: 403,
  too_large: 413,
  wrong_content_type: 415,
  not_supported: 404,
};

/**
 * `PUT /uploads/<token>`: the local stand-in for an S3 presigned PUT. The signed token is the
 * credential (as an S3 signature is): it names one key, an expiry and a size limit. The body is
 * streamed to the object store, never buffered, and the stored file is queued for processing.
 */
@Controller('uploads')
export class UploadController {
  constructor(private readonly commandBus: CommandBus) {}

  @Put(':token')
  @HttpCode(201)
  @PublicRoute('the signed, expiring upload token is the credential, as with an S3 presigned URL')
  async upload(@Param('token') token: string, @Req() req: Request, @Headers('content-type') contentType: string | undefined) {
    const length = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
    const result: AcceptUploadResult = await this.commandBus.execute(
      new AcceptUpload(token, req, contentType, Number.isFinite(length) ? length : undefined),
    );
    // An unread rest of an oversized body is not worth draining: close the connection after answering.
    if (!result.ok && result.reason === 'too_large') req.res?.setHeader('Connection', 'close');
    if (!result.ok)
      throw new HttpException(
        { statusCode: STATUS[result.reason], error: result.reason.toUpperCase(), message: result.message },
        STATUS[result.reason],
      );
    return { ingestionId: result.ingestionId, key: result.key, size: result.size, created: result.created };
  }
}
