/**
 * A whole agent session through the gateway, as an agent desktop would run it: connect, ready,
 * accept, hold, retrieve, terminate, dispose, disconnect. A real GraphQL client (graphql-request)
 * with documents typed by GraphQL Code Generator; every typed error is handled.
 *
 *   npm run example                      starts a stateful simulator and a gateway on free ports
 *   GATEWAY_URL=http://host:4000/graphql npm run example      uses a running gateway instead
 *   (with AUTHORIZATION, API_KEY, SESSION_ID, USER_ID, INTERACTION_ID from the environment)
 */
import { pathToFileURL } from 'node:url';
import { GraphQLClient } from 'graphql-request';
import {
  AcceptDocument,
  ConnectDocument,
  DisconnectDocument,
  DisposeDocument,
  HoldDocument,
  ReadyDocument,
  RetrieveDocument,
  TerminateDocument,
  type CommandFailureFragment,
} from './generated/graphql.js';

export interface AgentSession {
  /** The gateway's GraphQL endpoint. */
  readonly endpoint: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly userId: string;
  readonly interactionId: string;
  readonly ehubSessionId: string;
  /** Where each step is reported; default stdout. */
  readonly print?: (line: string) => void;
  /** Replaces how a request is sent, e.g. to send persisted-operation hashes. */
  readonly client?: GraphQLClient;
}

export interface StepResult {
  readonly step: string;
  readonly typename: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** Any command's result: its success type, or one of the typed errors. */
type CommandResult = ({ __typename: `${string}CommandAccepted`; status: number } | CommandFailureFragment) | null | undefined;

/** A step failed with a typed error; the flow stops there. */
export class AgentFlowError extends Error {
  constructor(readonly result: StepResult) {
    super(`${result.step} failed: ${result.typename}: ${result.detail}`);
  }
}

function describeFailure(failure: CommandFailureFragment): string {
  switch (failure.__typename) {
    case 'ValidationError':
      return `${failure.message} (field ${failure.field ?? 'unknown'}; nothing was sent)`;
    case 'UpstreamTimeoutError':
      return `${failure.message} (check the agent's state before sending it again)`;
    case 'UpstreamUnavailableError':
      return `${failure.message} (safe to send again${failure.retryAfterSeconds === null ? '' : ` after ${failure.retryAfterSeconds} s`})`;
    case 'RateLimitedError':
      return `${failure.message} (nothing was sent; retry after ${failure.retryAfterSeconds ?? 'a few'} s)`;
    case 'TooManyRequestsError':
    case 'ServiceUnavailableError':
      return `${failure.message} (retry after ${failure.retryAfterSeconds ?? 'a few'} s)`;
    default:
      return `HTTP ${failure.status}: ${failure.message}`;
  }
}

export async function runAgentSession(session: AgentSession): Promise<StepResult[]> {
  const client = session.client ?? new GraphQLClient(session.endpoint, { headers: { ...session.headers } });
  const print = session.print ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const results: StepResult[] = [];
  const { userId, interactionId, ehubSessionId } = session;

  async function step(name: string, send: () => Promise<CommandResult>): Promise<void> {
    const result = await send();
    const stepResult: StepResult = !result
      ? { step: name, typename: 'null', ok: false, detail: 'no result (see the GraphQL errors)' }
      : 'status' in result && result.__typename.endsWith('CommandAccepted')
        ? { step: name, typename: result.__typename, ok: true, detail: `accepted (HTTP ${result.status})` }
        : { step: name, typename: result.__typename, ok: false, detail: describeFailure(result as CommandFailureFragment) };
    results.push(stepResult);
    print(`${stepResult.ok ? 'ok  ' : 'FAIL'} ${name.padEnd(10)} ${stepResult.typename}: ${stepResult.detail}`);
    if (!stepResult.ok) throw new AgentFlowError(stepResult);
  }

  const connect = { attach: false, initialState: 'IDLE', station: '9785551212', emailAddress: 'agent@example.com' } as const;
  await step('connect', async () => (await client.request(ConnectDocument, { userId, input: connect })).userConnect);
  await step('ready', async () => (await client.request(ReadyDocument, { userId, input: { ehubSessionId } })).userReady);
  await step('accept', async () => (await client.request(AcceptDocument, { interactionId, input: { ehubSessionId } })).interactionAccept);
  await step('hold', async () => (await client.request(HoldDocument, { interactionId, input: { ehubSessionId } })).interactionHold);
  await step('retrieve', async () => (await client.request(RetrieveDocument, { interactionId, input: { ehubSessionId } })).interactionRetrieve);
  await step('terminate', async () => (await client.request(TerminateDocument, { interactionId, input: { ehubSessionId } })).interactionTerminate);
  const disposition = {
    ehubSessionId,
    dispositionId: '1',
    wrapRequired: false,
    salesFlag: false,
    callbackFlag: false,
    interactionDataCollection: [{ key: 'Reason', value: 'Billing question', isMasked: false }],
  };
  await step('dispose', async () => (await client.request(DisposeDocument, { interactionId, input: disposition })).interactionDispose);
  await step('disconnect', async () => (await client.request(DisconnectDocument, { userId, input: { ehubSessionId, reasonId: '1' } })).userDisconnect);
  return results;
}

/** With no GATEWAY_URL: a stateful simulator and a gateway on free loopback ports, an interaction presented. */
async function main(): Promise<void> {
  const env = process.env;
  const { readConfig } = await import('../src/config/read-config.js');
  const { startGateway } = await import('../src/server/serve.js');
  const { startSimulator } = await import('../src/simulator/simulator.js');
  const { createLogger } = await import('../src/observability/logger.js');

  const ownStack = env.GATEWAY_URL === undefined;
  const simulator = ownStack ? await startSimulator({ stateful: true }) : null;
  const gateway = simulator
    ? await startGateway(readConfig({ PORT: '0', HOST: '127.0.0.1', ALVARIA_BASE_URL: simulator.url, ALVARIA_ORG_ID: 'demo' }), { logger: createLogger('warn') })
    : null;
  const interactionId = simulator ? simulator.presentInteraction('demo', 'ixn-4320') : (env.INTERACTION_ID ?? 'ixn-4320');
  if (gateway) console.log(`Started a stateful simulator (${simulator?.url}) and a gateway (${gateway.url}); presented interaction ${interactionId}.`);
  try {
    await runAgentSession({
      endpoint: gateway ? `${gateway.url}/graphql` : (env.GATEWAY_URL ?? ''),
      headers: {
        authorization: env.AUTHORIZATION ?? 'Bearer demo-access-token',
        'x-api-key': env.API_KEY ?? 'demo-api-key',
        'via-client-sessionid': env.SESSION_ID ?? 'demo-session',
      },
      userId: env.USER_ID ?? 'agent-1',
      interactionId,
      ehubSessionId: env.EHUB_SESSION_ID ?? '4875',
    });
    console.log('The agent session ran from connect to disconnect.');
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  } finally {
    await gateway?.close();
    await simulator?.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
