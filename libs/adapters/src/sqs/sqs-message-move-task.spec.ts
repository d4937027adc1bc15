import type { SQSClient } from '@aws-sdk/client-sqs';
import { SqsMessageMoveTask } from './sqs-message-move-task.js';

// moto has no StartMessageMoveTask (HTTP 500), so the path that uses it cannot run against it: a
// scripted client stands in for SQS here, answering as the SQS API reference documents.
type Answer = (input: unknown) => unknown;
function scriptedSqs(answers: Record<string, Answer[]>): { client: SQSClient; calls: string[] } {
  const calls: string[] = [];
  const send = async (command: { constructor: { name: string }; input: unknown }) => {
    const name = command.constructor.name;
    calls.push(name);
    const next = answers[name]?.shift();
    if (!next) throw new Error(`unexpected ${name}`);
    return next(command.input);
  };
  return { client: { send } as unknown as SQSClient, calls };
}

const arns = { source: async () => 'arn:aws:sqs:us-east-1:1:dlq', destination: async () => 'arn:aws:sqs:us-east-1:1:main' };
const fail = (name: string, status?: number) => () => {
  throw Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
};

describe('SqsMessageMoveTask', () => {
  it('starts a move task and waits for it to complete, returning how many moved', async () => {
    const { client, calls } = scriptedSqs({
      StartMessageMoveTaskCommand: [() => ({ TaskHandle: 'task-1' })],
      ListMessageMoveTasksCommand: [
        () => ({ Results: [{ TaskHandle: 'task-1', Status: 'RUNNING' }] }),
        () => ({ Results: [{ TaskHandle: 'task-1', Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: 7 }] }),
      ],
    });
    const task = new SqsMessageMoveTask(client, arns.source, arns.destination);
    expect(await task.moveAll()).toBe(7);
    expect(calls).toEqual(['StartMessageMoveTaskCommand', 'ListMessageMoveTasksCommand', 'ListMessageMoveTasksCommand']);
    expect(task.mayBeSupported()).toBe(true);
  });

  it('reports a failed task as unavailable', async () => {
    const { client } = scriptedSqs({
      StartMessageMoveTaskCommand: [() => ({ TaskHandle: 't' })],
      ListMessageMoveTasksCommand: [() => ({ Results: [{ TaskHandle: 't', Status: 'FAILED', FailureReason: 'AccessDenied' }] })],
    });
    await expect(new SqsMessageMoveTask(client, arns.source, arns.destination).moveAll()).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('AccessDenied'),
    });
  });

  it('answers null on an endpoint without it (moto: HTTP 500) and does not ask again', async () => {
    const { client } = scriptedSqs({ StartMessageMoveTaskCommand: [fail('SyntaxError', 500)] });
    const task = new SqsMessageMoveTask(client, arns.source, arns.destination);
    expect(await task.moveAll()).toBeNull();
    expect(task.mayBeSupported()).toBe(false);
  });

  it('answers null on throttling but tries again next time', async () => {
    const { client } = scriptedSqs({ StartMessageMoveTaskCommand: [fail('ThrottlingException', 400)] });
    const task = new SqsMessageMoveTask(client, arns.source, arns.destination);
    expect(await task.moveAll()).toBeNull();
    expect(task.mayBeSupported()).toBe(true);
  });
});
