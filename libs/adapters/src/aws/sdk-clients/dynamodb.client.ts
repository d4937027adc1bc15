// A named re-export for LazyAwsClients' `await import()`, so the bundle tree-shakes the package (see lazy-aws-clients.ts).
export { DynamoDBClient } from '@aws-sdk/client-dynamodb';
export { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
