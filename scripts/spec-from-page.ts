/**
 * `npm run spec`: reads the vendor's page, spec/engagement-center-api-v2.txt, and writes what it
 * states as OpenAPI, spec/engagement-center-v2.json (test/spec-file.test.ts checks it is current).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { openapiFileText } from './spec-from-page/openapi.js';

const page = readFileSync(new URL('../spec/engagement-center-api-v2.txt', import.meta.url), 'utf8');
writeFileSync(new URL('../spec/engagement-center-v2.json', import.meta.url), openapiFileText(page));
