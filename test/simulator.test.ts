/**
 * The simulator plays the REST API from the catalog: it accepts every example body of the page
 * and answers a broken request with the status and ErrorResponse the page lists.
 */
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../src/simulator/simulator.js';
import { operations, type Operation } from './helpers/openapi.js';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(async () => {
  await simulator.close();
});

const headers = {
  'content-type': 'application/json',
  accept: 'application/json',
  authorization: 'Bearer token',
  'x-api-key': 'key',
  'via-client-sessionid': 'session',
};

const pathOf = (op: Operation) => op.path.replace('{orgId}', 'demo').replace(/\{(interactionId|userId)\}/, '42');

async function post(path: string, body: unknown, sent: Record<string, string> = headers, method = 'POST') {
  const response = await request(`${simulator.url}${path}`, {
    method: method as 'POST',
    headers: sent,
    body: method === 'GET' ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.body.text();
  const isJson = String(response.headers['content-type']).startsWith('application/json');
  return { status: response.statusCode, headers: response.headers, text, json: isJson ? (JSON.parse(text) as Record<string, unknown>) : null };
}

const hold = operations.find((op) => op.operation === 'hold')!;
const transfer = operations.find((op) => op.operation === 'transfer')!;
const sendEmail = operations.find((op) => op.operation === 'sendEmail')!;

describe('the simulator', () => {
  it.each(operations.map((op) => [op.operation, op] as const))("accepts the page's example body for %s with 202", async (_name, op) => {
    const response = await post(pathOf(op), op.example);
    expect(response).toMatchObject({ status: 202, text: '' });
  });

  it('rejects a missing required property with 400 naming it', async () => {
    const { ehubSessionId: _omitted, ...body } = transfer.example;
    const response = await post(pathOf(transfer), body);
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ code: 400, errors: [{ scope: 'ehubSessionId', reason: 'required' }] });
    expect(String(response.json?.message)).toContain('ehubSessionId');
  });

  it.each([
    ['a wrong type', transfer, { ...transfer.example, ehubSessionId: 4875 }, 'ehubSessionId', 'type'],
    ['a value outside the enum', transfer, { ...transfer.example, transferType: 'Sideways' }, 'transferType', 'enum'],
    ['an item of the wrong type', sendEmail, { ...sendEmail.example, interactionDataCollection: [{ key: 1 }] }, 'interactionDataCollection[0].key', 'type'],
    ['more than 20 items', sendEmail, { ...sendEmail.example, interactionDataCollection: Array.from({ length: 21 }, () => ({ key: 'k' })) }, 'interactionDataCollection', 'maxItems'],
    ['a body that is not an object', hold, [1, 2], 'body', 'type'],
  ])('rejects %s with 400 naming the field', async (_label, op, body, field, reason) => {
    const response = await post(pathOf(op), body);
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ code: 400, errors: [{ scope: field, reason }] });
  });

  it('rejects a body that is not JSON with 400', async () => {
    expect((await post(pathOf(hold), '{nope')).json).toMatchObject({ code: 400, errors: [{ scope: 'body', reason: 'json' }] });
  });

  it('answers 401 with no body without a Bearer token', async () => {
    const { authorization: _omitted, ...rest } = headers;
    for (const sent of [rest, { ...rest, authorization: 'Basic abc' }]) {
      expect(await post(pathOf(hold), hold.example, sent)).toMatchObject({ status: 401, text: '' });
    }
  });

  it('requires via-client-sessionid except for forceDisconnect', async () => {
    const { 'via-client-sessionid': _omitted, ...rest } = headers;
    expect((await post(pathOf(hold), hold.example, rest)).json).toMatchObject({ code: 400, errors: [{ scope: 'via-client-sessionid' }] });
    const forceDisconnect = operations.find((op) => op.operation === 'forceDisconnect')!;
    expect((await post(pathOf(forceDisconnect), forceDisconnect.example, rest)).status).toBe(202);
  });

  it('answers 405 with an ErrorResponse for another method', async () => {
    const response = await post(pathOf(hold), undefined, headers, 'GET');
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('POST');
    expect(response.json).toMatchObject({ code: 405, message: 'Method Not Allowed' });
  });

  it('answers 404 with an ErrorResponse for an unknown route', async () => {
    for (const path of ['/via/v2/organizations/demo/engagementCenter/interactions/42/teleport', '/nothing', '/via/v2/organizations/demo/engagementCenter/users/42/hold']) {
      const response = await post(path, {});
      expect(response.status).toBe(404);
      expect(response.json).toMatchObject({ code: 404, message: 'Not Found' });
    }
  });

  describe('fault injection', () => {
    it('answers the injected status and body once, then simulates again', async () => {
      simulator.injectFault({ status: 503, body: { code: 503, message: 'maintenance' }, headers: { 'retry-after': '5' } });
      const faulty = await post(pathOf(hold), hold.example);
      expect(faulty).toMatchObject({ status: 503, json: { message: 'maintenance' } });
      expect(faulty.headers['retry-after']).toBe('5');
      expect((await post(pathOf(hold), hold.example)).status).toBe(202);
    });

    it('matches a fault to its operation', async () => {
      simulator.injectFault({ operation: 'transfer', status: 422, body: 'not json' });
      expect((await post(pathOf(hold), hold.example)).status).toBe(202);
      expect(await post(pathOf(transfer), transfer.example)).toMatchObject({ status: 422, text: 'not json' });
    });

    it('resets the connection', async () => {
      simulator.injectFault({ reset: true });
      await expect(post(pathOf(hold), hold.example)).rejects.toThrow();
    });

    it('delays the answer', async () => {
      simulator.injectFault({ delayMs: 50, status: 200 });
      expect((await post(pathOf(hold), hold.example)).status).toBe(200);
    });

    it('records what arrived', async () => {
      const before = simulator.requests.length;
      await post(pathOf(hold), hold.example);
      expect(simulator.requests.slice(before)).toEqual([
        expect.objectContaining({ method: 'POST', url: pathOf(hold), body: JSON.stringify(hold.example) }),
      ]);
    });
  });
});

describe('stateful mode', () => {
  let stateful: Simulator;
  beforeAll(async () => {
    stateful = await startSimulator({ stateful: true });
  });
  afterAll(async () => {
    await stateful.close();
  });

  const send = async (path: string, body: unknown) => {
    const response = await request(`${stateful.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    const text = await response.body.text();
    return { status: response.statusCode, json: text ? (JSON.parse(text) as Record<string, unknown>) : null };
  };
  const user = (userId: string, operation: string) => `/via/v2/organizations/demo/engagementCenter/users/${userId}/${operation}`;
  const interaction = (id: string, operation: string) => `/via/v2/organizations/demo/engagementCenter/interactions/${id}/${operation}`;
  const session = { ehubSessionId: '4875' };

  it('refuses a command for a user who never connected with 404 and says why', async () => {
    const response = await send(user('ghost', 'ready'), session);
    expect(response).toMatchObject({ status: 404, json: { code: 404, message: expect.stringMatching(/ghost is not connected: send userConnect first/) } });
  });

  it('refuses a command for an interaction that was never presented with 404', async () => {
    const response = await send(interaction('never', 'accept'), session);
    expect(response).toMatchObject({ status: 404, json: { message: expect.stringMatching(/never was never presented/) } });
  });

  it('plays a whole agent session, refusing steps out of order with 422', async () => {
    expect((await send(user('agent1', 'connect'), { attach: false, initialState: 'Idle', station: '9785551212' })).status).toBe(202);
    expect((await send(user('agent1', 'ready'), session)).status).toBe(202);
    const presented = await request(`${stateful.url}/_simulator/interactions`, { method: 'POST', body: JSON.stringify({ interactionId: 'ixn-9' }) });
    expect(presented.statusCode).toBe(201);
    expect(await presented.body.json()).toEqual({ organization: 'demo', interactionId: 'ixn-9' });

    expect(await send(interaction('ixn-9', 'hold'), session)).toMatchObject({ status: 422, json: { message: expect.stringMatching(/Cannot hold interaction ixn-9: it is presented/) } });
    for (const step of ['accept', 'hold', 'retrieve', 'terminate']) expect((await send(interaction('ixn-9', step), session)).status).toBe(202);
    expect((await send(interaction('ixn-9', 'dispose'), { ...session, dispositionId: '1', wrapRequired: false, salesFlag: false, callbackFlag: false, interactionDataCollection: [] })).status).toBe(202);
    expect((await send(interaction('ixn-9', 'hold'), session)).status).toBe(404);

    expect((await send(user('agent1', 'disconnect'), { ...session, reasonId: '1' })).status).toBe(202);
    expect((await send(user('agent1', 'ready'), session)).status).toBe(404);
  });

  it('still validates first: a broken body is a 400 whatever the state', async () => {
    expect((await send(user('ghost', 'ready'), {})).status).toBe(400);
  });
});
