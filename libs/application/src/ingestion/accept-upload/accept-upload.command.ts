import type { Readable } from 'node:stream';

/** A file PUT to a local upload URL: checked against its signed token, stored at the granted key, queued. */
export class AcceptUpload {
  constructor(
    readonly token: string,
    readonly body: Readable,
    readonly contentType: string | undefined,
    /** The declared Content-Length, when there is one: lets an oversized upload be refused before reading it. */
    readonly contentLength: number | undefined,
  ) {}
}

export type UploadRefusal = 'expired' | 'tampered' | 'malformed' | 'too_large' | 'wrong_content_type' | 'not_supported';

export type AcceptUploadResult =
  | { readonly ok: true; readonly ingestionId: string; readonly key: string; readonly size: number; readonly created: boolean }
  | { readonly ok: false; readonly reason: UploadRefusal; readonly message: string };
