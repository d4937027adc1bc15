// Imported with `await import()`: esbuild cannot tree-shake a dynamically imported package namespace (all of
// its commands, schemas, paginators and waiters would be bundled), so this named re-export is what keeps the
// chunk a cold start parses to the client and the commands the adapters import.
export { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
