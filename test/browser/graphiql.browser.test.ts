/**
 * GraphiQL in a real browser (Debian's headless Chromium, driven by playwright-core): it loads
 * from the gateway itself, its preloaded agent session runs, and the result pane shows the typed
 * success; its Events tab shows the events of the commands run in another browser tab. Run by
 * `npm run test:browser` (CI installs Chromium first); the screenshots land in test/artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readConfig } from '../../src/config/read-config.js';
import { startGateway, type RunningGateway } from '../../src/server/serve.js';
import { metricValue } from '../helpers/event-hubs.js';
import { silentLogger } from '../helpers/logs.js';

const artifacts = new URL('../artifacts/', import.meta.url);

let running: RunningGateway;
let browser: Browser;
let page: Page;
const failedRequests: string[] = [];

beforeAll(async () => {
  running = await startGateway(readConfig({ PORT: '0', HOST: '127.0.0.1' }), { logger: silentLogger() });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  // Anything fetched from elsewhere (a CDN) would fail here: there is no network but loopback.
  page.on('requestfailed', (request) => failedRequests.push(request.url()));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await running?.close();
});

mkdirSync(artifacts, { recursive: true });

it('loads GraphiQL from the gateway, runs the preloaded Connect and shows UserCommandAccepted', async () => {
  await page.goto(`${running.url}/graphql`, { waitUntil: 'load' });
  await page.locator('.graphiql-container').first().waitFor({ timeout: 30_000 });
  // The editor is Monaco, which renders only visible lines; the tabs are named after the first operation.
  await expect.poll(() => page.locator('.graphiql-tabs').first().innerText(), { timeout: 15_000 }).toMatch(/Connect[\s\S]*TypedError/);
  await page.screenshot({ path: new URL('graphiql-loaded.png', artifacts).pathname });

  // With several operations in the tab, Run asks which one: the first, Connect.
  await page.locator('.graphiql-execute-button').first().click();
  await page.getByRole('menuitem', { name: 'Connect', exact: true }).click();

  const result = page.locator('.result-window').first();
  await expect.poll(() => result.innerText(), { timeout: 15_000 }).toContain('UserCommandAccepted');
  expect(await result.innerText()).toMatch(/"status":\s*202/);

  await page.screenshot({ path: new URL('graphiql.png', artifacts).pathname, fullPage: true });
  expect(failedRequests).toEqual([]);
}, 60_000);

it("shows the vendor's descriptions in the docs pane", async () => {
  await page.getByRole('button', { name: /Documentation Explorer/i }).click();
  await page.getByText('Mutation', { exact: true }).first().click();
  await page.getByRole('link', { name: 'interactionHold' }).first().click();
  const docs = page.locator('.graphiql-doc-explorer');
  await expect.poll(() => docs.innerText(), { timeout: 10_000 }).toContain('This endpoint will send a hold request');
  await page.screenshot({ path: new URL('graphiql-docs.png', artifacts).pathname });
}, 60_000);

/**
 * Selects one of GraphiQL's tabs as a keyboard user does (Enter on the tab). A mouse click is
 * lost now and then: the tabs move under the pointer (their reorder animation) as it arrives.
 * The tab is marked active before the editor holds its text: until the editor shows `firstLine`,
 * Run would run the tab left behind.
 */
async function openTab(page: Page, title: string, firstLine: string): Promise<void> {
  await page.locator(`.graphiql-tab-button[title="${title}"]`).press('Enter');
  await expect.poll(() => page.locator('.graphiql-tab-active .graphiql-tab-button').innerText(), { timeout: 10_000 }).toBe(title);
  // Monaco renders spaces as no-break spaces.
  const editorText = async () => (await page.locator('.graphiql-query-editor').first().innerText()).replace(/\s+/g, ' ');
  await expect.poll(editorText, { timeout: 10_000 }).toContain(firstLine);
}

/** Runs one operation of the active tab: with several there, Run asks which. */
async function run(page: Page, operation?: string): Promise<void> {
  await page.locator('.graphiql-execute-button').first().click();
  if (operation) await page.getByRole('menuitem', { name: operation, exact: true }).click();
}

/**
 * Records the kind of every agent event the page receives over SSE, in order, beside GraphiQL (a
 * copy of each event-stream answer's body): GraphiQL shows only a subscription's latest result.
 */
function recordReceivedEvents(): void {
  const received: string[] = [];
  Object.assign(window, { receivedEventKinds: received });
  const fetchOfPage = window.fetch.bind(window);
  window.fetch = async (...args: Parameters<typeof fetch>) => {
    const response = await fetchOfPage(...args);
    if (!response.body || !response.headers.get('content-type')?.startsWith('text/event-stream')) return response;
    const [copy, forGraphiQL] = response.body.tee();
    void (async () => {
      const reader = copy.pipeThrough(new TextDecoderStream()).getReader();
      let text = '';
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        text += chunk.value;
        const blocks = text.split('\n\n');
        text = blocks.pop() ?? '';
        for (const block of blocks) {
          const data = /^data: (.+)$/m.exec(block)?.[1];
          const kind = data && block.startsWith('event: next') ? (JSON.parse(data) as { data?: { agentEvents?: { kind?: string } } }).data?.agentEvents?.kind : undefined;
          if (kind) received.push(kind);
        }
      }
    })();
    return new Response(forGraphiQL, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

it("shows in the Events tab the events of Connect and Hold run in another browser tab", async () => {
  // A gateway of its own: its simulator's session has no events from the other tests' commands.
  const own = await startGateway(readConfig({ PORT: '0', HOST: '127.0.0.1' }), { logger: silentLogger() });
  let context: BrowserContext | undefined;
  try {
    context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addInitScript(recordReceivedEvents);
    const opened = async (): Promise<Page> => {
      const tab = await context!.newPage();
      await tab.goto(`${own.url}/graphql`, { waitUntil: 'load' });
      await tab.locator('.graphiql-container').first().waitFor({ timeout: 30_000 });
      return tab;
    };
    const received = (tab: Page) => tab.evaluate(() => (window as unknown as { receivedEventKinds: string[] }).receivedEventKinds);

    // GraphiQL stops a running operation when its own tab changes: the events stay open in one browser tab...
    const events = await opened();
    await openTab(events, 'Events', 'subscription Events');
    // The subscription is established once the gateway holds it open (that it came over SSE, the
    // events recorded below from the page's event-stream answers show).
    await run(events);
    await expect
      .poll(() => metricValue(own.gateway.metrics, 'subscriptions_active'), { timeout: 15_000 })
      .toBe(1)
      .catch(async (error: unknown) => {
        // What the page showed instead, for whoever reads a failed run's log.
        await events.screenshot({ path: new URL('graphiql-events-not-subscribed.png', artifacts).pathname });
        const shown = (await events.locator('.graphiql-container').first().innerText()).replace(/\s+/g, ' ').slice(0, 1500);
        throw new Error(`no subscription open; the page showed: ${shown}`, { cause: error });
      });
    const eventsPane = events.locator('.result-window').first();

    // ...and the commands run in another, with the same headers (the simulator's session).
    const commands = await opened();
    await openTab(commands, 'Connect', 'mutation Connect');
    await run(commands, 'Connect');
    await expect.poll(() => commands.locator('.result-window').first().innerText(), { timeout: 15_000 }).toContain('UserCommandAccepted');

    await events.bringToFront();
    // Connect's events: one NewWorkType per work type, then the agent's state; the pane shows the latest.
    await expect.poll(() => received(events), { timeout: 15_000 }).toEqual([
      'engagementCenter.NewWorkType',
      'engagementCenter.NewWorkType',
      'engagementCenter.NewWorkType',
      'simulator.AgentStateChanged',
    ]);
    await expect.poll(() => eventsPane.innerText(), { timeout: 15_000 }).toContain('simulator.AgentStateChanged');
    expect(await eventsPane.innerText()).toMatch(/"category":\s*"simulator"/);
    await events.screenshot({ path: new URL('graphiql-events-connect.png', artifacts).pathname });

    // Hold (in the default simulator mode any interaction id is accepted).
    await commands.bringToFront();
    await run(commands, 'Hold');
    await expect.poll(() => commands.locator('.result-window').first().innerText(), { timeout: 15_000 }).toContain('InteractionCommandAccepted');
    await events.bringToFront();
    await expect.poll(() => eventsPane.innerText(), { timeout: 15_000 }).toContain('simulator.InteractionHeld');
    expect(await eventsPane.innerText()).toMatch(/"interactionId":\s*"4320"/);
    expect((await received(events)).at(-1)).toBe('simulator.InteractionHeld');
    await events.screenshot({ path: new URL('graphiql-events-hold.png', artifacts).pathname });
  } finally {
    await context?.close();
    await own.close();
  }
}, 90_000);
