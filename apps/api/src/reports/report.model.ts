import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { JsonScalar } from '../graphql/json.scalar.js';

export enum SubscriptionProtocolEnum {
  EMAIL = 'EMAIL',
  WEBHOOK = 'WEBHOOK',
}
registerEnumType(SubscriptionProtocolEnum, { name: 'SubscriptionProtocol', description: 'How a report subscriber is reached.' });

@ObjectType('ReportLinks')
export class ReportLinksModel {
  @Field({ description: 'The HTML report (file:// locally, a presigned S3 URL in aws mode).' }) html!: string;
  @Field({ description: 'The same numbers as JSON.' }) json!: string;
}

@ObjectType('Report')
export class ReportModel {
  @Field({ description: 'The UTC day, YYYY-MM-DD.' }) date!: string;
  @Field(() => Int, { description: 'Which generation of this day’s report; regenerating a day increments it.' }) version!: number;
  @Field() generatedAt!: string;
  @Field(() => [String]) artefactKeys!: string[];
  @Field(() => JsonScalar, { description: 'Headline numbers: ingestions, records, alarm states, anomalies.' }) summary!: unknown;
  @Field(() => JsonScalar, {
    nullable: true,
    description: 'The full report (daily_report.json); null for an older version or a removed artefact.',
  })
  metrics!: unknown;
  @Field(() => ReportLinksModel) links!: ReportLinksModel;
  @Field(() => [Int], { description: 'Every version of the day, newest first.' }) versions!: number[];
  @Field(() => [String], { description: 'Subscriptions this version reached.' }) deliveredTo!: string[];
  @Field(() => JsonScalar, { description: 'Subscriptions the delivery gave up on: [{ subscriptionId, error }].' })
  failedDeliveries!: unknown;
  @Field(() => String, { nullable: true }) deliveredAt!: string | null;
}

@ObjectType('ReportSubscription')
export class ReportSubscriptionModel {
  @Field(() => ID) id!: string;
  @Field(() => SubscriptionProtocolEnum) protocol!: SubscriptionProtocolEnum;
  @Field() endpoint!: string;
  @Field({ description: 'pending (waiting for the subscriber to confirm), confirmed or cancelled.' }) status!: string;
  @Field() requestedAt!: string;
  @Field(() => String, { nullable: true }) confirmedAt!: string | null;
  @Field(() => String, { nullable: true }) cancelledAt!: string | null;
}

@ObjectType('UnsubscribeResult')
export class UnsubscribeResultModel {
  @Field({ description: 'cancelled, already-cancelled or not-found.' }) outcome!: string;
  @Field(() => ReportSubscriptionModel, { nullable: true }) subscription!: ReportSubscriptionModel | null;
}
