// Imported with `await import()` on the first write, so reads and heads do not load lib-storage and the
// multipart commands it brings; a named re-export, since esbuild cannot tree-shake a dynamically imported
// package namespace.
export { Upload } from '@aws-sdk/lib-storage';
