import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export const AlarmStateEnum = { OK: 'OK', ALARM: 'ALARM' } as const;
registerEnumType(AlarmStateEnum, { name: 'AlarmState' });

@ObjectType()
export class QueueDepth {
  @Field(() => Int) visible!: number;
  @Field(() => Int) inFlight!: number;
}

@ObjectType({ description: 'Ingestions that finished in the last hour.' })
export class HealthWindow {
  @Field() since!: string;
  @Field(() => Int) finished!: number;
  @Field(() => Int, { description: 'Rejected, dead-lettered or failed.' }) errors!: number;
  @Field(() => Float, { description: 'errors / finished (0 when none finished).' }) errorRate!: number;
  @Field(() => Float, { nullable: true, description: 'p99 processing time of completed ingestions, ms.' }) p99LatencyMs!: number | null;
}

@ObjectType()
export class DatasetFreshness {
  @Field() dataset!: string;
  @Field(() => String, { nullable: true }) newestIngestedAt!: string | null;
  @Field(() => Float, { nullable: true, description: 'Age of the newest processed record, seconds.' }) ageSeconds!: number | null;
}

@ObjectType()
export class Alarm {
  @Field() name!: string;
  @Field(() => AlarmStateEnum) state!: 'OK' | 'ALARM';
  @Field(() => Float, { nullable: true }) value!: number | null;
  @Field(() => Float) threshold!: number;
  @Field() unit!: string;
  @Field() description!: string;
}

@ObjectType()
export class PipelineHealth {
  @Field() checkedAt!: string;
  @Field(() => QueueDepth) queueDepth!: QueueDepth;
  @Field(() => Int) deadLetterDepth!: number;
  @Field(() => HealthWindow) lastHour!: HealthWindow;
  @Field(() => [DatasetFreshness]) freshness!: readonly DatasetFreshness[];
  @Field(() => [Alarm], { description: 'The seed alarms: error rate > 1 %, p99 > 30 s, DLQ depth > 5, data stale > 1 h.' })
  alarms!: readonly Alarm[];
}
