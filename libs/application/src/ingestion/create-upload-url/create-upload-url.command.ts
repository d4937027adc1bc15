/** A URL a client can PUT one file to; storing the file there starts its processing. */
export class CreateUploadUrl {
  constructor(
    readonly dataset: string,
    readonly filename: string,
    readonly contentType: string | null | undefined,
    readonly limits: { readonly expiresInSeconds: number; readonly maxBytes: number },
  ) {}
}

export interface CreatedUploadUrl {
  readonly url: string;
  readonly method: 'PUT';
  /** Headers the PUT must carry (the content type, when one was given). */
  readonly headers: Readonly<Record<string, string>>;
  readonly expiresAt: string;
  readonly key: string;
  readonly maxBytes: number;
}
