import type { MessageAttributeValue } from '@aws-sdk/client-sqs';

/** Message attribute that marks a body the adapter had to encode. */
export const BODY_ENCODING_ATTRIBUTE = 'pipeline-body-encoding';

// What SQS accepts in a body (#x9 | #xA | #xD | #x20–#xD7FF | #xE000–#xFFFD | #x10000–#x10FFFF); a lone surrogate is outside.
const OUTSIDE_SQS_CHARACTERS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export interface EncodedBody {
  readonly MessageBody: string;
  readonly MessageAttributes?: Record<string, MessageAttributeValue>;
}

/**
 * SQS refuses empty bodies and some characters the WorkQueue port allows: those bodies travel
 * base64-encoded, marked by an attribute. Every other body (all JSON work messages, and every
 * body AWS itself sends) goes as is, so other consumers read it unchanged.
 * @example encodeBody('') // { MessageBody: '', MessageAttributes: { 'pipeline-body-encoding': … } } base64 of ''
 */
export function encodeBody(body: string): EncodedBody {
  if (body !== '' && !OUTSIDE_SQS_CHARACTERS.test(body)) return { MessageBody: body };
  return {
    // base64 of '' is '', which SQS refuses too: a fixed prefix keeps the body non-empty.
    MessageBody: `b64:${Buffer.from(body, 'utf8').toString('base64')}`,
    MessageAttributes: { [BODY_ENCODING_ATTRIBUTE]: { DataType: 'String', StringValue: 'base64' } },
  };
}

/** The body as it was sent. */
export function decodeBody(message: { Body?: string; MessageAttributes?: Record<string, MessageAttributeValue> }): string {
  const body = message.Body ?? '';
  if (message.MessageAttributes?.[BODY_ENCODING_ATTRIBUTE]?.StringValue !== 'base64' || !body.startsWith('b64:')) return body;
  return Buffer.from(body.slice(4), 'base64').toString('utf8');
}
