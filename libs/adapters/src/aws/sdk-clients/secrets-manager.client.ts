// A named re-export for the secret provider's `await import()`, so the bundle tree-shakes the package (see lazy-aws-clients.ts).
export { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
