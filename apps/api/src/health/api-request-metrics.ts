import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { PrometheusSample } from './prometheus-text.js';

const BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];

/** Request counts by route and status, and a latency histogram, for /metrics. */
@Injectable()
export class ApiRequestMetrics {
  private readonly counts = new Map<string, number>();
  private readonly buckets = new Array<number>(BUCKETS_MS.length).fill(0);
  private total = 0;
  private sumMs = 0;

  /** Express middleware recording each response once it is sent. */
  middleware() {
    return (req: Request, res: Response, next: NextFunction): void => {
      const started = process.hrtime.bigint();
      const route = routeOf(req.path); // now: mounted middleware rewrites req.url later
      res.once('finish', () => this.record(route, res.statusCode, Number(process.hrtime.bigint() - started) / 1e6));
      next();
    };
  }

  record(route: string, status: number, ms: number): void {
    const key = `${route}|${status}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.total++;
    this.sumMs += ms;
    BUCKETS_MS.forEach((b, i) => {
      if (ms <= b) this.buckets[i]++;
    });
  }

  samples(): PrometheusSample[] {
    return [
      {
        name: 'api_requests_total',
        help: 'HTTP requests by route and status.',
        type: 'counter',
        values: [...this.counts].map(([key, value]) => {
          const [route, status] = key.split('|');
          return { labels: { route, status }, value };
        }),
      },
      {
        name: 'api_request_duration_seconds',
        help: 'HTTP request duration.',
        type: 'histogram',
        values: [
          ...BUCKETS_MS.map((b, i) => ({ suffix: '_bucket', labels: { le: String(b / 1000) }, value: this.buckets[i] })),
          { suffix: '_bucket', labels: { le: '+Inf' }, value: this.total },
          { suffix: '_sum', value: this.sumMs / 1000 },
          { suffix: '_count', value: this.total },
        ],
      },
    ];
  }
}

/** Routes, not raw paths: upload tokens must not become label values. */
const routeOf = (path: string): string =>
  path.startsWith('/uploads/') ? '/uploads/:token' : ['/graphql', '/ingest', '/health', '/metrics'].includes(path) ? path : 'other';
