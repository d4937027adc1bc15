import { Field, ObjectType } from '@nestjs/graphql';

/** Relay's PageInfo, forward paging only: `hasPreviousPage` says whether the page was asked for `after` a cursor. */
@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item on this page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' })
  endCursor!: string | null;
}
