/**
 * Every status of the contract's table becomes its typed error, with the API's message and
 * details, Retry-After as seconds, and nothing of a non-JSON body echoed.
 */
import { describe, expect, it } from 'vitest';
import { HoldDocument } from './generated/graphql.js';
import { execute, useRecordingGateway } from './helpers/graphql-client.js';
import { startRecordingUpstream } from './helpers/recording-upstream.js';

const suite = useRecordingGateway();

const hold = async () => {
  const result = await execute(suite.gateway, HoldDocument, { id: '4320', input: { ehubSessionId: '4875' } });
  expect(result.errors).toBeUndefined();
  return result.data?.interactionHold;
};

const errorResponse = (code: number) =>
  JSON.stringify({
    code,
    message: `the API says ${code}`,
    errors: [{ scope: 'interaction', reason: 'state', message: 'not held' }, 'not an object', { scope: 7 }],
  });

const contractTable: Array<[number, string]> = [
  [400, 'BadRequestError'],
  [401, 'UnauthorizedError'],
  [404, 'NotFoundError'],
  [405, 'MethodNotAllowedError'],
  [410, 'GoneError'],
  [422, 'UnprocessableEntityError'],
  [429, 'TooManyRequestsError'],
  [500, 'InternalServerError'],
  [503, 'ServiceUnavailableError'],
  [409, 'UnexpectedStatusError'],
  [502, 'UnexpectedStatusError'],
  [302, 'UnexpectedStatusError'],
];

describe('HTTP status -> typed error', () => {
  it.each(contractTable)('%i is %s with the ErrorResponse message and details', async (status, typename) => {
    suite.upstream.reply({ status, headers: { 'content-type': 'application/json' }, body: errorResponse(status) });
    expect(await hold()).toMatchObject({
      __typename: typename,
      status,
      message: `the API says ${status}`,
      // entries that are not objects are left out; fields that are not strings are null
      details: [
        { scope: 'interaction', reason: 'state', message: 'not held' },
        { scope: null, reason: null, message: null },
      ],
    });
    expect(suite.upstream.requests).toHaveLength(1);
  });

  it('takes the status from the HTTP response, never from the body', async () => {
    suite.upstream.reply({ status: 422, body: JSON.stringify({ code: 404, message: 'not found' }) });
    expect(await hold()).toMatchObject({ __typename: 'UnprocessableEntityError', status: 422, message: 'not found' });
  });

  it('ignores a body that is not JSON and uses the reason phrase, never echoing it', async () => {
    suite.upstream.reply({ status: 502, headers: { 'content-type': 'text/html' }, body: '<html><b>secret proxy page</b></html>' });
    const result = await hold();
    expect(result).toEqual({ __typename: 'UnexpectedStatusError', status: 502, message: 'Bad Gateway', details: [] });
  });

  it('says HTTP <status> when the status has no reason phrase', async () => {
    suite.upstream.reply({ status: 599 });
    expect(await hold()).toMatchObject({ __typename: 'UnexpectedStatusError', status: 599, message: 'HTTP 599', details: [] });
  });

  it('gives empty details when errors is not a list', async () => {
    suite.upstream.reply({ status: 400, body: JSON.stringify({ message: 'bad', errors: { scope: 'x' } }) });
    expect(await hold()).toMatchObject({ __typename: 'BadRequestError', message: 'bad', details: [] });
  });

  it('treats any 2xx as success', async () => {
    for (const status of [200, 201, 204]) {
      suite.upstream.reply({ status, body: status === 204 ? undefined : '{"ignored":true}' });
      expect(await hold()).toEqual({ __typename: 'InteractionCommandAccepted', status, interaction: { id: '4320' } });
    }
  });

  it('does not follow a redirect', async () => {
    const elsewhere = await startRecordingUpstream();
    try {
      suite.upstream.reply({ status: 307, headers: { location: `${elsewhere.url}/steal` } });
      expect(await hold()).toMatchObject({ __typename: 'UnexpectedStatusError', status: 307 });
      expect(elsewhere.requests).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
  });
});

describe('Retry-After', () => {
  const cases: Array<[string, string | undefined, number | null]> = [
    ['delta-seconds', '120', 120],
    ['an HTTP-date in the past', 'Wed, 21 Oct 2015 07:28:00 GMT', 0],
    ['absent', undefined, null],
    ['unreadable', 'soon', null],
  ];

  it.each(cases)('on 429 as %s', async (_label, header, expected) => {
    suite.upstream.reply({ status: 429, headers: header === undefined ? {} : { 'retry-after': header } });
    expect(await hold()).toMatchObject({
      __typename: 'TooManyRequestsError',
      status: 429,
      message: 'Too Many Requests',
      retryAfterSeconds: expected,
    });
  });

  it('on 503 as delta-seconds', async () => {
    suite.upstream.reply({ status: 503, headers: { 'retry-after': '30' } });
    expect(await hold()).toMatchObject({ __typename: 'ServiceUnavailableError', retryAfterSeconds: 30 });
  });
});
