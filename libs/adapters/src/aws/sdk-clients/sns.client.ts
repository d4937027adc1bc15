// A named re-export for LazyAwsClients' `await import()`, so the bundle tree-shakes the package (see lazy-aws-clients.ts).
export { SNSClient } from '@aws-sdk/client-sns';
