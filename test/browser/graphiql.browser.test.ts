/**
 * GraphiQL in a real browser (Debian's headless Chromium, driven by playwright-core): it loads
 * from the gateway itself, its preloaded agent session runs, and the result pane shows the typed
 * success. Run by `npm run test:browser` (CI installs Chromium first); the screenshot lands in
 * test/artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readConfig } from '../../src/config/read-config.js';
import { startGateway, type RunningGateway } from '../../src/server/serve.js';
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
