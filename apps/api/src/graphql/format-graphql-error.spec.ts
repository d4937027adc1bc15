import { GraphQLError } from 'graphql';
import { NotFoundError, PortError, UnavailableError } from '@pipeline/domain/errors.js';
import { formatGraphqlError } from './format-graphql-error.js';

const formatted = { message: 'orig', path: ['processedRecords'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] } };
const resolverError = (original: Error) => new GraphQLError(original.message, { originalError: original, path: ['processedRecords'] });

describe('formatGraphqlError (the GraphQL edge)', () => {
  it.each([
    ['INVALID_INPUT', new PortError('INVALID_INPUT', 'first must be from 0 to 1000'), 'BAD_USER_INPUT'],
    ['NOT_FOUND', new NotFoundError('no such ingestion'), 'NOT_FOUND'],
    ['UNAVAILABLE', new UnavailableError('database down'), 'SERVICE_UNAVAILABLE'],
  ])('maps port error %s to the matching code and keeps its message', (_name, error, code) => {
    const out = formatGraphqlError(true)(formatted, resolverError(error));
    expect(out.extensions?.code).toBe(code);
    expect(out.message).toBe(error.message);
  });

  it('hides unexpected errors in production and keeps them elsewhere', () => {
    const bug = new Error('relation "processed_dat" does not exist');
    expect(formatGraphqlError(true)(formatted, resolverError(bug))).toEqual({
      message: 'internal error',
      path: ['processedRecords'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(formatGraphqlError(false)(formatted, resolverError(bug))).toBe(formatted);
  });

  it('leaves GraphQL errors (validation, auth) as they are', () => {
    const auth = { message: 'needs admin', extensions: { code: 'FORBIDDEN' } };
    expect(formatGraphqlError(true)(auth, new GraphQLError('needs admin', { extensions: { code: 'FORBIDDEN' } }))).toBe(auth);
  });
});
