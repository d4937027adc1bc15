import { Upload, type Options } from '@aws-sdk/lib-storage';

// Imported with `await import()` on the first write, so reads and heads do not load lib-storage and the
// multipart commands it brings (a module of our own: esbuild cannot tree-shake a dynamically imported
// package namespace). The upload is constructed here, where the IAM policy test sees its SDK calls.
export const startUpload = (options: Options): Upload => new Upload(options);
