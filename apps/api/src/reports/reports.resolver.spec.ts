import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { printSchema } from 'graphql';
import { API_ROLE } from '../auth/api-role.decorator.js';
import { ReportsResolver } from './reports.resolver.js';

describe('ReportsResolver', () => {
  it('exposes the report operations with their arguments and types', async () => {
    const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
    await app.init();
    try {
      const schema = printSchema(await app.get(GraphQLSchemaFactory).create([ReportsResolver]));
      for (const field of [
        'report(\n    """YYYY-MM-DD (UTC)"""\n    date: String!\n  ): Report',
        'reports(from: String!, to: String!): [Report!]!',
        'reportSubscriptions: [ReportSubscription!]!',
        'subscribeToReports(protocol: SubscriptionProtocol!, endpoint: String!): ReportSubscription!',
        'unsubscribe(id: ID!): UnsubscribeResult!',
      ])
        expect(schema).toContain(field);
      expect(schema).toMatch(/generateReport\(\s+"""YYYY-MM-DD \(UTC\); omitted: yesterday"""\s+date: String\s+\): Report!/);
      expect(schema).toContain('enum SubscriptionProtocol {\n  EMAIL\n  WEBHOOK\n}');
    } finally {
      await app.close();
    }
  });

  it('requires reader for the queries and admin for the mutations', () => {
    const role = (method: keyof ReportsResolver) => Reflect.getMetadata(API_ROLE, ReportsResolver.prototype[method]);
    expect(['report', 'reports', 'reportSubscriptions'].map((m) => role(m as keyof ReportsResolver))).toEqual([
      'reader',
      'reader',
      'reader',
    ]);
    expect(['generateReport', 'subscribeToReports', 'unsubscribe'].map((m) => role(m as keyof ReportsResolver))).toEqual([
      'admin',
      'admin',
      'admin',
    ]);
  });
});
