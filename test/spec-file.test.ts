/**
 * spec/: the vendor's page is kept unchanged, and the OpenAPI file the coverage tests read is what
 * the generator makes of that page today. The rules that read facts from its prose are checked by
 * editing the page in memory: a fact typed by hand would not follow the edit.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openapiFileText, openapiFromPage } from '../scripts/spec-from-page/openapi.js';

const committed = (path: string) => readFileSync(new URL(`../spec/${path}`, import.meta.url), 'utf8');
const page = committed('engagement-center-api-v2.txt');

/** The page with the first occurrence of `from` replaced. */
function edited(from: string, to: string): string {
  expect(page).toContain(from);
  return page.replace(from, to);
}

const consultRow = 'interactionDataCollection [object] false none This is a collection of up to 20 user fields.';
const forceDisconnectPath = '/via/v2/organizations/{orgId}/engagementCenter/users/{userId}/forceDisconnect';

describe('spec/', () => {
  it('engagement-center-v2.json is current (run `npm run spec` after changing the page or the generator)', () => {
    expect(committed('engagement-center-v2.json')).toBe(openapiFileText(page));
  });

  it("keeps the vendor's page unchanged, as spec/README.md records it", () => {
    const recorded = /SHA-256 `([0-9a-f]{64})`/.exec(committed('README.md'))?.[1];
    expect(createHash('sha256').update(page).digest('hex')).toBe(recorded);
  });

  it('reads all 50 operations and 52 schemas', () => {
    const document = openapiFromPage(page);
    expect(Object.keys(document.paths)).toHaveLength(50);
    expect(Object.keys(document.components.schemas)).toHaveLength(52);
    expect(document.tags).toEqual([{ name: 'Interactions' }, { name: 'Users' }, { name: 'Email' }]);
  });
});

describe('facts read from the prose', () => {
  const consultItems = (text: string) => openapiFromPage(text).components.schemas.ConsultParmsSchema?.properties.interactionDataCollection;
  const workgroupId = (text: string) => openapiFromPage(text).components.schemas.ConnectParmsSchema?.properties.workgroupId;

  it('takes maxItems from "a collection of up to N"', () => {
    expect(consultItems(page)?.maxItems).toBe(20);
    expect(consultItems(edited(consultRow, consultRow.replace('up to 20', 'up to 5')))?.maxItems).toBe(5);
    expect(consultItems(edited(consultRow, consultRow.replace('up to 20 user fields', 'user fields')))).not.toHaveProperty('maxItems');
  });

  it('marks a property deprecated when its description starts "Deprecated."', () => {
    expect(workgroupId(page)?.deprecated).toBe(true);
    expect(workgroupId(edited('none Deprecated. Not used. ', 'none '))).not.toHaveProperty('deprecated');
  });

  it('leaves out a description the page prints as "none"', () => {
    const { ErrorResponse } = openapiFromPage(page).components.schemas;
    expect(ErrorResponse?.properties.code).toEqual({ type: 'integer', description: 'HTTP error status' });
    expect(ErrorResponse?.properties.message).toEqual({ type: 'string' });
  });

  it("shares the common via-client-sessionid header and keeps forceDisconnect's optional one inline", () => {
    const document = openapiFromPage(page);
    expect(document.components.parameters['via-client-sessionid']?.required).toBe(true);
    const header = document.paths[forceDisconnectPath]?.post.parameters.find(
      (parameter) => 'name' in parameter && parameter.name === 'via-client-sessionid',
    );
    expect(header).toMatchObject({ required: false, description: expect.stringContaining('is optional as this request is supported') });
    const hold = document.paths['/via/v2/organizations/{orgId}/engagementCenter/interactions/{interactionId}/hold']?.post;
    expect(hold?.parameters).toContainEqual({ $ref: '#/components/parameters/via-client-sessionid' });
  });
});

describe('a page the generator does not understand stops it, naming the line', () => {
  it.each([
    ['a restriction it has no rule for', 'ehubSessionId string true none', 'ehubSessionId string true maxLength:8', /unsupported restriction "maxLength:8"/],
    ['an unknown type', 'snoozeTime integer true', 'snoozeTime duration true', /unknown type "duration"/],
    ['a row with a column missing', 'digits string true none List', 'digits string none List', /does not read as one/],
    ['a curl sample posting elsewhere', '{interactionId}/accept \\', '{interactionId}/acept \\', /curl sample posts to/],
    ['a reference to no schema', 'errors [Error] false', 'errors [Eror] false', /#\/components\/schemas\/Eror is not defined/],
  ])('%s', (_label, from, to, message) => {
    expect(() => openapiFromPage(edited(from, to))).toThrow(message);
  });

  it('names the page line', () => {
    const line = page.split('\n').findIndex((text) => text.startsWith('digits string true none')) + 1;
    expect(line).toBeGreaterThan(0);
    expect(() => openapiFromPage(edited('digits string true none', 'digits string maybe none'))).toThrow(`page line ${line}: `);
  });
});
