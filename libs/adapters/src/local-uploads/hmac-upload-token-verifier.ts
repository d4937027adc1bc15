import { UploadTokenVerifier, type UploadTokenCheck } from '@pipeline/domain/ports/upload-token-verifier.js';
import { verifyUploadToken } from '../local-fs/upload-token.js';

/** Verifies the HMAC-signed tokens LocalFolderObjectStore.createUploadUrl hands out, with the same data-directory key. */
export class HmacUploadTokenVerifier extends UploadTokenVerifier {
  constructor(private readonly signingKey: Buffer) {
    super();
  }

  verify(token: string, now: Date): UploadTokenCheck {
    return verifyUploadToken(token, this.signingKey, now);
  }
}
