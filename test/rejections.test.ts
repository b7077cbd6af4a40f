/**
 * Every input the gateway refuses is refused before anything is sent: bad path ids, bad
 * organizations, missing or malformed headers, inputs that break the page's rules.
 */
import { describe, expect, it } from 'vitest';
import { HoldDocument, KeepAliveDocument, OrganizationDocument } from './generated/graphql.js';
import { clientHeaders, execute, testGateway, useRecordingGateway, type TestGateway } from './helpers/graphql-client.js';

const suite = useRecordingGateway();

const hold = async (id: string, headers: Record<string, string> = clientHeaders, via: TestGateway = suite.gateway) => {
  const result = await execute(via, HoldDocument, { id, input: { ehubSessionId: '4875' } }, headers);
  expect(result.errors).toBeUndefined();
  return result.data?.interactionHold;
};

describe('path ids', () => {
  it.each(['..', '.', 'a/b', 'x?y', 'a#b', 'a%2Fb', 'a b', '', 'é', 'x'.repeat(129)])('%j is a ValidationError, nothing sent', async (id) => {
    expect(await hold(id)).toMatchObject({ __typename: 'ValidationError', field: 'interactionId' });
    expect(suite.upstream.requests).toHaveLength(0);
  });

  it('accepts 128 unreserved characters', async () => {
    const id = 'aZ0._~-'.repeat(18).slice(0, 128);
    expect(await hold(id)).toMatchObject({ __typename: 'InteractionCommandAccepted', interaction: { id } });
    expect(suite.upstream.requests[0]?.url).toContain(`/interactions/${id}/hold`);
  });
});

describe('organizations', () => {
  it.each(['evil.com#', 'a@b', 'evil.com', '-acme', 'acme-', 'ac_me', 'a'.repeat(64), 'acme/../x'])(
    'x-alvaria-org-id %j is a ValidationError, nothing sent',
    async (organization) => {
      expect(await hold('4320', { ...clientHeaders, 'x-alvaria-org-id': organization })).toMatchObject({
        __typename: 'ValidationError',
        field: 'x-alvaria-org-id',
      });
      expect(suite.upstream.requests).toHaveLength(0);
    },
  );

  it('uses the header as given, case included, in the path and the host template', async () => {
    const templated = testGateway(`${suite.upstream.url}/tenants/{orgId}`);
    try {
      await hold('4320', { ...clientHeaders, 'x-alvaria-org-id': 'AcMe-2' }, templated);
      expect(suite.upstream.requests[0]?.url).toBe('/tenants/AcMe-2/via/v2/organizations/AcMe-2/engagementCenter/interactions/4320/hold');
    } finally {
      await templated.close();
    }
  });

  it('falls back to the default when the header is empty', async () => {
    await hold('4320', { ...clientHeaders, 'x-alvaria-org-id': '' });
    expect(suite.upstream.requests[0]?.url).toBe('/via/v2/organizations/acme/engagementCenter/interactions/4320/hold');
  });

  it('is a ValidationError with no default and no header', async () => {
    const noDefault = testGateway(suite.upstream.url, { env: { ALVARIA_ORG_ID: '' } });
    try {
      expect(await hold('4320', clientHeaders, noDefault)).toMatchObject({ __typename: 'ValidationError', field: 'x-alvaria-org-id' });
      expect(suite.upstream.requests).toHaveLength(0);
    } finally {
      await noDefault.close();
    }
  });

  it('must be one of ALVARIA_ALLOWED_ORG_IDS when that is set', async () => {
    const allowList = testGateway(suite.upstream.url, { env: { ALVARIA_ALLOWED_ORG_IDS: 'acme,globex' } });
    try {
      expect(await hold('4320', { ...clientHeaders, 'x-alvaria-org-id': 'initech' }, allowList)).toMatchObject({ __typename: 'ValidationError' });
      expect(await hold('4320', { ...clientHeaders, 'x-alvaria-org-id': 'ACME' }, allowList)).toMatchObject({ __typename: 'ValidationError' });
      expect(suite.upstream.requests).toHaveLength(0);
      expect(await hold('4320', { ...clientHeaders, 'x-alvaria-org-id': 'globex' }, allowList)).toMatchObject({ __typename: 'InteractionCommandAccepted' });
    } finally {
      await allowList.close();
    }
  });

  it('is reported by Query.engagementCenter.organization', async () => {
    const ok = await execute(suite.gateway, OrganizationDocument, {}, { 'x-alvaria-org-id': 'globex' });
    expect(ok.data).toEqual({
      engagementCenter: { apiVersion: '2.0.0', organization: { __typename: 'EngagementCenterOrganization', id: 'globex' } },
    });
    const bad = await execute(suite.gateway, OrganizationDocument, {}, { 'x-alvaria-org-id': 'evil.com#' });
    expect(bad.data?.engagementCenter.organization).toMatchObject({ __typename: 'ValidationError', field: 'x-alvaria-org-id' });
  });
});

describe('headers', () => {
  it.each(['', undefined])('no Authorization (%j) is UnauthorizedError 401 with empty details, nothing sent', async (value) => {
    const { authorization: _omitted, ...rest } = clientHeaders;
    const headers = value === undefined ? rest : { ...rest, authorization: value };
    expect(await hold('4320', headers)).toEqual({
      __typename: 'UnauthorizedError',
      status: 401,
      message: expect.stringContaining('Authorization'),
      details: [],
    });
    expect(suite.upstream.requests).toHaveLength(0);
  });

  it('no via-client-sessionid is a ValidationError, nothing sent', async () => {
    const { 'via-client-sessionid': _omitted, ...rest } = clientHeaders;
    expect(await hold('4320', rest)).toMatchObject({ __typename: 'ValidationError', field: 'via-client-sessionid' });
    expect(await hold('4320', { ...rest, 'via-client-sessionid': '' })).toMatchObject({ __typename: 'ValidationError' });
    expect(suite.upstream.requests).toHaveLength(0);
  });

  it('forceDisconnect runs without via-client-sessionid and sends none', async () => {
    const { 'via-client-sessionid': _omitted, ...rest } = clientHeaders;
    const result = await execute(
      suite.gateway,
      'mutation { userForceDisconnect(userId: "sup1", input: { userId: "agent7" }) { __typename } }',
      {},
      rest,
    );
    expect(result.data).toEqual({ userForceDisconnect: { __typename: 'UserCommandAccepted' } });
    expect(suite.upstream.requests[0]?.headers['via-client-sessionid']).toBeUndefined();
    expect(JSON.parse(suite.upstream.requests[0]?.body ?? '')).toEqual({ userId: 'agent7' });
  });

  const malformed: Array<[string, string]> = [
    ['authorization', 'Bearer a\tb'],
    ['x-api-key', 'key\u00e9'],
    ['via-client-sessionid', 's'.repeat(4097)],
    ['x-alvaria-org-id', 'ac\tme'],
    ['authorization', `Bearer ${'t'.repeat(4090)}`],
  ];
  it.each(malformed)('%s with a character outside printable ASCII, or too long, is a ValidationError', async (name, value) => {
    const result = await hold('4320', { ...clientHeaders, [name]: value });
    expect(result).toMatchObject({ __typename: 'ValidationError', field: name === 'authorization' ? 'Authorization' : name });
    expect(suite.upstream.requests).toHaveLength(0);
  });

  it('uses ALVARIA_API_KEY when the request carries no x-api-key (or an empty one)', async () => {
    const withKey = testGateway(suite.upstream.url, { env: { ALVARIA_API_KEY: 'configured-key' } });
    try {
      const { 'x-api-key': _omitted, ...rest } = clientHeaders;
      await hold('4320', rest, withKey);
      await hold('4320', { ...rest, 'x-api-key': '' }, withKey);
      await hold('4320', clientHeaders, withKey);
      expect(suite.upstream.requests.map((request) => request.headers['x-api-key'])).toEqual(['configured-key', 'configured-key', 'test-api-key']);
    } finally {
      await withKey.close();
    }
  });

  it('sends no x-api-key when there is neither', async () => {
    const { 'x-api-key': _omitted, ...rest } = clientHeaders;
    expect(await hold('4320', rest)).toMatchObject({ __typename: 'InteractionCommandAccepted' });
    expect(suite.upstream.requests[0]?.headers).not.toHaveProperty('x-api-key');
  });

  it('forwards nothing but the three headers', async () => {
    await hold('4320', { ...clientHeaders, cookie: 'sid=1', 'x-alvaria-org-id': 'acme', 'proxy-authorization': 'Basic x', 'x-request-id': 'r1' });
    const names = Object.keys(suite.upstream.requests[0]?.headers ?? {}).sort();
    expect(names).toEqual(['accept', 'authorization', 'connection', 'content-length', 'content-type', 'host', 'via-client-sessionid', 'x-api-key']);
  });
});

describe('inputs', () => {
  const item = { key: 'Name', value: 'XYZ', isMasked: false };
  const send = (source: string) => execute(suite.gateway, source, {}, clientHeaders);

  it('more than 20 interactionDataCollection items is a ValidationError, nothing sent', async () => {
    const result = await execute(
      suite.gateway,
      `mutation($items: [InteractionDataInput!]!) {
        interactionSendEmail(interactionId: "1", input: { ehubSessionId: "4875", replyEmailObjectId: "e1", interactionDataCollection: $items }) {
          __typename ... on ValidationError { field message }
        }
      }`,
      { items: Array.from({ length: 21 }, () => item) },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.interactionSendEmail).toMatchObject({ __typename: 'ValidationError', field: 'input.interactionDataCollection' });
    expect(suite.upstream.requests).toHaveLength(0);
  });

  it('20 items are sent, nulls inside items left out', async () => {
    const items = Array.from({ length: 20 }, (_, index) => ({ key: `k${index}`, value: null, isMasked: index === 0 ? true : null }));
    const result = await execute(
      suite.gateway,
      `mutation($items: [InteractionDataInput!]!) {
        interactionDispose(interactionId: "1", input: { ehubSessionId: "4875", dispositionId: "", wrapRequired: false, salesFlag: false, callbackFlag: false, interactionDataCollection: $items }) { __typename }
      }`,
      { items },
    );
    expect(result.data).toEqual({ interactionDispose: { __typename: 'InteractionCommandAccepted' } });
    const body = JSON.parse(suite.upstream.requests[0]?.body ?? '');
    expect(body.interactionDataCollection).toHaveLength(20);
    expect(body.interactionDataCollection[0]).toEqual({ key: 'k0', isMasked: true });
    expect(body.interactionDataCollection[1]).toEqual({ key: 'k1' });
    expect(body).toMatchObject({ dispositionId: '', wrapRequired: false });
  });

  it.each(['[1,2]', 'null', 'not json', '"text"', ''])('entity %j (not a JSON object) is a ValidationError', async (entity) => {
    const result = await send(
      `mutation { interactionDial(interactionId: "1", input: { dialType: USER, ehubSessionId: "1", workTypeId: "2", userId: "3", entity: ${JSON.stringify(entity)} }) { __typename ... on ValidationError { field } } }`,
    );
    expect(result.data?.interactionDial).toEqual({ __typename: 'ValidationError', field: 'input.entity' });
    expect(suite.upstream.requests).toHaveLength(0);
  });

  it('omits null and absent fields, keeps "" / false / 0 / [], and sends DateTime as UTC ISO-8601', async () => {
    const result = await execute(suite.gateway, KeepAliveDocument, {
      userId: 'u1',
      input: { ehubSessionId: '', sessionTimeout: 0, requestTimestamp: '2021-06-30T22:15:07.134+02:00' },
    });
    expect(result.data?.userKeepAlive).toMatchObject({ __typename: 'UserCommandAccepted', agent: { id: 'u1' } });
    expect(JSON.parse(suite.upstream.requests[0]?.body ?? '')).toEqual({
      ehubSessionId: '',
      sessionTimeout: 0,
      requestTimestamp: '2021-06-30T20:15:07.134Z',
    });
    await send('mutation { interactionSendEmail(interactionId: "1", input: { ehubSessionId: "1", replyEmailObjectId: "e", to: null, interactionDataCollection: [] }) { __typename } }');
    expect(JSON.parse(suite.upstream.requests[1]?.body ?? '')).toEqual({ ehubSessionId: '1', replyEmailObjectId: 'e', interactionDataCollection: [] });
  });

  it('an invalid DateTime, enum value or missing required field is a GraphQL error, nothing sent', async () => {
    const results = await Promise.all([
      send('mutation { userKeepAlive(userId: "u", input: { ehubSessionId: "1", requestTimestamp: "2021-02-30T00:00:00Z" }) { __typename } }'),
      send('mutation { userNotReady(userId: "u", input: { ehubSessionId: "1", reasonId: "r", notReadyType: NotReady }) { __typename } }'),
      send('mutation { interactionHold(interactionId: "1", input: {}) { __typename } }'),
    ]);
    for (const result of results) expect(result.errors?.length).toBeGreaterThan(0);
    expect(suite.upstream.requests).toHaveLength(0);
  });
});
