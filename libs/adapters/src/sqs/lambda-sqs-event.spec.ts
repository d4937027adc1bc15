import { lambdaSqsEvent } from './lambda-sqs-event.js';

describe('lambdaSqsEvent', () => {
  it('shapes SQS messages as the event source mapping delivers them to a Lambda', () => {
    const event = lambdaSqsEvent(
      [
        {
          MessageId: 'm-1',
          ReceiptHandle: 'r-1',
          Body: '{"x":1}',
          MD5OfBody: 'md5',
          Attributes: {
            ApproximateReceiveCount: '2',
            SentTimestamp: '1700000000000',
            SenderId: 'AIDA',
            ApproximateFirstReceiveTimestamp: '1700000000100',
          },
          MessageAttributes: {
            'pipeline-body-encoding': { DataType: 'String', StringValue: 'base64' },
            blob: { DataType: 'Binary', BinaryValue: Uint8Array.from([1, 2, 3]) },
          },
        },
      ],
      'arn:aws:sqs:us-east-1:123456789012:work',
      'us-east-1',
    );
    expect(event).toEqual({
      Records: [
        {
          messageId: 'm-1',
          receiptHandle: 'r-1',
          body: '{"x":1}',
          attributes: {
            ApproximateReceiveCount: '2',
            SentTimestamp: '1700000000000',
            SenderId: 'AIDA',
            ApproximateFirstReceiveTimestamp: '1700000000100',
          },
          messageAttributes: {
            'pipeline-body-encoding': { dataType: 'String', stringValue: 'base64', stringListValues: [], binaryListValues: [] },
            blob: { dataType: 'Binary', binaryValue: 'AQID', stringListValues: [], binaryListValues: [] },
          },
          md5OfBody: 'md5',
          eventSource: 'aws:sqs',
          eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:work',
          awsRegion: 'us-east-1',
        },
      ],
    });
  });
});
