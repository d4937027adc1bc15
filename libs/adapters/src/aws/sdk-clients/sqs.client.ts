// A named re-export for LazyAwsClients' `await import()`, so the bundle tree-shakes the package (see lazy-aws-clients.ts).
export { SQSClient } from '@aws-sdk/client-sqs';
