/** What a valid upload token grants: one object key, at most `maxBytes`, optionally one content type. */
export type UploadTokenCheck =
  | { readonly ok: true; readonly key: string; readonly maxBytes: number; readonly contentType?: string }
  | { readonly ok: false; readonly reason: 'expired' | 'tampered' | 'malformed' };

/**
 * Checks the token of a local upload URL (`PUT /uploads/<token>`), the local stand-in for an S3
 * presigned URL. Only local mode provides one; in aws mode clients upload to S3 directly.
 */
export abstract class UploadTokenVerifier {
  /** @example const check = verifier.verify(token, clock.now()); if (!check.ok) refuse(check.reason) */
  abstract verify(token: string, now: Date): UploadTokenCheck;
}
