/** Small rules with many cases: Retry-After, date-times, names and URLs. */
import { describe, expect, it } from 'vitest';
import { endpoints, enumValueName, mutationName } from '../src/catalog/index.js';
import { restUrl } from '../src/datasources/rest-url.js';
import { parseRetryAfter } from '../src/datasources/retry-after.js';
import { ValidationError } from '../src/errors.js';
import { normalizeDateTime } from '../src/schema/date-time.js';

const hold = endpoints.find((endpoint) => endpoint.operation === 'hold')!;
const keepAlive = endpoints.find((endpoint) => endpoint.operation === 'keepAlive')!;

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00.000Z');
  it.each([
    ['120', 120],
    ['0', 0],
    [' 7 ', 7],
    ['99999999999', 2 ** 31 - 1],
    ['Thu, 01 Jan 2026 00:01:30 GMT', 90],
    ['Thursday, 01-Jan-26 00:00:10 GMT', 10],
    ['Thu Jan  1 00:00:05 2026', 5],
    ['Wed, 31 Dec 2025 23:59:00 GMT', 0],
    ['-5', null],
    ['1.5', null],
    ['soon', null],
    ['', null],
    [undefined, null],
  ] as const)('%j -> %j', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });

  it('rounds a fraction of a second up', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:02 GMT', now + 1_500)).toBe(1);
  });
});

describe('normalizeDateTime', () => {
  it.each([
    ['2021-06-30T20:15:07.134Z', '2021-06-30T20:15:07.134Z'],
    ['2021-06-30T22:15:07+02:00', '2021-06-30T20:15:07.000Z'],
    ['2021-06-30t20:15:07.1234567z', '2021-06-30T20:15:07.1234567Z'],
    ['2020-12-31T23:30:00-01:00', '2021-01-01T00:30:00.000Z'],
    ['2020-02-29T00:00:00Z', '2020-02-29T00:00:00.000Z'],
    ['0050-06-01T12:00:00Z', '0050-06-01T12:00:00.000Z'],
  ])('%s -> %s', (text, expected) => {
    expect(normalizeDateTime(text)).toBe(expected);
  });

  it.each(['2021-02-29T00:00:00Z', '2021-02-31T00:00:00Z', '2021-06-30 20:15:07Z', '2021-06-30T20:15:07', '2021-06-30T24:00:00Z', '2021-06-30T20:15:07+24:00', 'yesterday', '9999-12-31T23:30:00-01:00'])(
    'rejects %s',
    (text) => {
      expect(() => normalizeDateTime(text)).toThrow(/DateTime/);
    },
  );
});

describe('names', () => {
  it('names mutations after the path', () => {
    expect(endpoints.map(mutationName)).toEqual(expect.arrayContaining(['interactionAccept', 'userConnect', 'userKeepAlive', 'interactionTransferEmailToWorkType']));
  });

  it.each([
    ['NotReady', 'NOT_READY'],
    ['ExternalBlind', 'EXTERNAL_BLIND'],
    ['Worktype', 'WORKTYPE'],
    ['WorkType', 'WORK_TYPE'],
    ['en-US', 'EN_US'],
    ['ChatSms', 'CHAT_SMS'],
  ])('enum value %s -> %s', (rest, graphql) => {
    expect(enumValueName(rest)).toBe(graphql);
  });
});

describe('restUrl', () => {
  it('puts the organization into the host template and the path', () => {
    expect(restUrl('https://{orgId}.via.aspect-cloud.net', hold, 'AcMe', '4320')).toBe(
      'https://AcMe.via.aspect-cloud.net/via/v2/organizations/AcMe/engagementCenter/interactions/4320/hold',
    );
  });

  it('keeps a path prefix', () => {
    expect(restUrl('http://127.0.0.1:8080/api', keepAlive, 'demo', 'u-1')).toBe(
      'http://127.0.0.1:8080/api/via/v2/organizations/demo/engagementCenter/users/u-1/keepAlive',
    );
  });

  it.each([
    ['evil.com#', '4320'],
    ['a@b', '4320'],
    ['acme', '..'],
    ['acme', 'a/b'],
    ['acme', 'x?y'],
  ])('refuses to build a URL from organization %j and id %j', (organization, id) => {
    expect(() => restUrl('https://{orgId}.via.aspect-cloud.net', hold, organization, id)).toThrow(ValidationError);
  });
});
