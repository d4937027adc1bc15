import { Field, Float, ObjectType } from '@nestjs/graphql';
import { JsonScalar } from '../graphql/json.scalar.js';

@ObjectType({ description: 'PUT the file to `url` with `headers` before `expiresAt`; storing it starts its processing.' })
export class UploadUrl {
  @Field() url!: string;
  @Field() method!: string;
  @Field(() => JsonScalar, { description: 'Headers the PUT must send (Content-Type when one was given).' }) headers!: Readonly<
    Record<string, string>
  >;
  @Field() expiresAt!: string;
  @Field({ description: 'Where the file will be kept in the raw area.' }) key!: string;
  @Field(() => Float, { description: 'Largest file this URL accepts, in bytes.' }) maxBytes!: number;
}
