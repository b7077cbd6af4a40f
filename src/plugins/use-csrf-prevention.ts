/**
 * CSRF prevention, by Yoga's own plugin: a POST that a browser could send cross-site without a
 * preflight (a form's content types) must carry `x-graphql-yoga-csrf` or Apollo clients'
 * `apollo-require-preflight`. Applied to POST only: a GET can only run queries and subscriptions,
 * which change nothing, and routers subscribe with a bare GET (Hive Gateway). Its refusal is
 * worded by the refusal table.
 */
import { useCSRFPrevention as yogaCsrfPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import type { Plugin } from 'graphql-yoga';
import { PREFLIGHT_HEADERS, refusalError } from '../refusals.js';

export function useCsrfPrevention(): Plugin {
  const yoga = yogaCsrfPrevention({ requestHeaders: [...PREFLIGHT_HEADERS] });
  const check = yoga.onRequestParse;
  return {
    onRequestParse(payload) {
      if (payload.request.method !== 'POST' || !check) return;
      try {
        check(payload);
      } catch {
        throw refusalError('csrf');
      }
    },
  };
}
