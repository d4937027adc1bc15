import { BODY_ENCODING_ATTRIBUTE, decodeBody, encodeBody } from './sqs-body-encoding.js';

describe('SQS body encoding', () => {
  it.each([
    ['a work message', '{"kind":"process-ingestion","v":1,"ingestionId":"a"}'],
    ['unicode, tabs and newlines', 'é 世界 🦆\ttab\r\nline'],
    ['the top of the BMP', '\uE000\uFFFD'],
  ])('sends %s as it is', (_label, body) => {
    expect(encodeBody(body)).toEqual({ MessageBody: body });
  });

  it.each([
    ['an empty body', ''],
    ['a NUL', 'a\u0000b'],
    ['a bell', '\u0007'],
    ['U+FFFE', '\uFFFE'],
  ])('encodes %s, marked by an attribute, and decodes it back', (_label, body) => {
    const encoded = encodeBody(body);
    expect(encoded.MessageBody).toMatch(/^b64:/);
    expect(encoded.MessageAttributes?.[BODY_ENCODING_ATTRIBUTE]).toEqual({ DataType: 'String', StringValue: 'base64' });
    expect(decodeBody({ Body: encoded.MessageBody, MessageAttributes: encoded.MessageAttributes })).toBe(body);
  });

  it('leaves a body that merely looks encoded alone when the attribute is missing', () => {
    expect(decodeBody({ Body: 'b64:aGk=' })).toBe('b64:aGk=');
  });
});
