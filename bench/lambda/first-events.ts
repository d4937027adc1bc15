import type { LambdaFunctionName } from '../../scripts/lambda/lambda-functions.js';

/** What each function serves first in the cold-start benchmark: a cheap but real request. */
export const FIRST_EVENTS: Readonly<Record<LambdaFunctionName, { readonly label: string; readonly payload: unknown }>> = {
  api: {
    label: 'GET /health (API Gateway v2)',
    payload: {
      version: '2.0',
      routeKey: '$default',
      rawPath: '/health',
      rawQueryString: '',
      headers: { host: 'bench.local', accept: 'application/json' },
      requestContext: {
        accountId: '000000000000',
        apiId: 'bench',
        domainName: 'bench.local',
        domainPrefix: 'bench',
        http: { method: 'GET', path: '/health', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
        requestId: 'bench',
        routeKey: '$default',
        stage: '$default',
        time: '26/Nov/2026:00:00:00 +0000',
        timeEpoch: 1795651200000,
      },
      isBase64Encoded: false,
    },
  },
  processor: { label: '{"test": true} (S3, SQS, DynamoDB, PostgreSQL checks)', payload: { test: true } },
  reporter: { label: '{"test": true}', payload: { test: true } },
};
