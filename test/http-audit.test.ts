/**
 * The third-party GraphQL-over-HTTP audit (graphql-http's `serverAudits`) against the gateway as
 * `npm start` builds it (`startGateway` over HTTP): every MUST and every SHOULD passes, each audit
 * on a fresh server, and again on one server that first gets each audit's request with
 * `Accept: application/json` (an answer must not depend on what the server parsed, validated or
 * cached before). A failure names the audits that failed and what the server answered them.
 */
import { serverAudits, type Audit, type AuditResult } from 'graphql-http';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../src/config/read-config.js';
import { startGateway, type RunningGateway } from '../src/server/serve.js';

interface Answer {
  status: number;
  contentType: string | null;
  body: string;
}

interface Outcome {
  result: AuditResult;
  /** The server's answer to the audit's last request. */
  answer: Answer | null;
}

const start = (): Promise<RunningGateway> => startGateway(readConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' }));

async function withServer<T>(run: (graphqlUrl: string) => Promise<T>): Promise<T> {
  const running = await start();
  try {
    return await run(`${running.url}/graphql`);
  } finally {
    await running.close();
  }
}

/** Same request, `Accept: application/json`; the answer is read and dropped. */
async function warm(input: Parameters<typeof fetch>[0], init: RequestInit | undefined): Promise<void> {
  const headers = new Headers(init?.headers);
  headers.set('accept', 'application/json');
  await (await fetch(input, { ...init, headers })).arrayBuffer();
}

/** The audits, each with a `fetch` that keeps the last answer (and warms up first when asked). */
function audits(graphqlUrl: string, warmUp: boolean): Array<{ audit: Audit; run: () => Promise<Outcome> }> {
  let answer: Answer | null = null;
  const fetchFn: typeof fetch = async (input, init) => {
    if (warmUp) await warm(input, init);
    const response = await fetch(input, init);
    const copy = response.clone();
    answer = { status: copy.status, contentType: copy.headers.get('content-type'), body: await copy.text() };
    return response;
  };
  return serverAudits({ url: graphqlUrl, fetchFn }).map((audit) => ({
    audit,
    run: async () => {
      answer = null;
      const result = await audit.fn();
      return { result, answer };
    },
  }));
}

const required = (name: string): boolean => name.startsWith('MUST ') || name.startsWith('SHOULD ');

function failures(outcomes: Outcome[]): string[] {
  return outcomes
    .filter(({ result }) => required(result.name) && result.status !== 'ok')
    .map(({ result, answer }) => {
      const reason = 'reason' in result ? result.reason : '';
      const answered = answer ? `answered ${answer.status} (${answer.contentType ?? 'no content-type'}) ${answer.body.slice(0, 300)}` : 'no answer';
      return `${result.name} [${result.id}]: ${reason}; ${answered}`;
    });
}

function expectAllRequiredPass(outcomes: Outcome[]): void {
  expect(outcomes.filter(({ result }) => result.name.startsWith('MUST ')).length).toBeGreaterThan(0);
  expect(outcomes.filter(({ result }) => result.name.startsWith('SHOULD ')).length).toBeGreaterThan(0);
  expect(failures(outcomes)).toEqual([]);
}

// Starting a server per audit takes a few seconds in all; generous bounds for a busy machine.
const manyServers = 120_000;

describe('GraphQL over HTTP audit (graphql-http serverAudits)', () => {
  it(
    'passes every MUST and every SHOULD, each audit on a fresh server',
    async () => {
      const count = audits('http://127.0.0.1/graphql', false).length;
      const outcomes: Outcome[] = [];
      for (let index = 0; index < count; index += 1) {
        outcomes.push(await withServer((url) => audits(url, false)[index]!.run()));
      }
      expectAllRequiredPass(outcomes);
    },
    manyServers,
  );

  it(
    'passes every MUST and every SHOULD on one server, each request sent first with Accept: application/json',
    async () => {
      const outcomes = await withServer(async (url) => {
        const done: Outcome[] = [];
        for (const { run } of audits(url, true)) done.push(await run());
        return done;
      });
      expectAllRequiredPass(outcomes);
    },
    manyServers,
  );
});

/**
 * The audit 86EE means variables that do not coerce, but its document (`$id` unused) already
 * fails validation; this is that rule with a document that validates (and the contract's code).
 */
describe('variables that do not coerce, under application/graphql-response+json', () => {
  const request = (accept: string): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', accept },
    body: JSON.stringify({ query: 'query CoerceFailure($name: String!) { __type(name: $name) { name } }', variables: { name: null } }),
  });

  it.each([
    ['on a fresh server', false],
    ['after the same request with Accept: application/json', true],
  ])('answer 400 without data, BAD_USER_INPUT, %s', async (_when, warmUp) => {
    const answer = await withServer(async (url) => {
      if (warmUp) await warm(url, request('application/json'));
      const response = await fetch(url, request('application/graphql-response+json'));
      return { status: response.status, contentType: response.headers.get('content-type'), body: (await response.json()) as Record<string, unknown> };
    });
    expect(answer).toMatchObject({
      status: 400,
      contentType: expect.stringContaining('application/graphql-response+json'),
      body: { errors: [{ message: expect.any(String), extensions: { code: 'BAD_USER_INPUT' } }] },
    });
    expect(answer.body).not.toHaveProperty('data');
  });
});
