/** Packaging cannot produce a working zip (esbuild failed, a dev dependency leaked in, a native build is missing). */
export class BundleError extends Error {
  readonly code = 'BUNDLE_FAILED';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BundleError';
  }
}
