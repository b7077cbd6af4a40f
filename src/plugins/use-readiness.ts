/**
 * `GET /ready`: 200 while serving, 503 once shutting down (load balancers stop sending here while
 * the gateway still serves what comes). Ours: Yoga's readiness plugin tests every request's URL
 * against a URLPattern, a cost on every command for one route.
 */
import type { Plugin } from 'graphql-yoga';

export const useReadiness = (ready: () => boolean): Plugin => ({
  onRequest({ url, fetchAPI, endResponse }) {
    if (url.pathname !== '/ready') return;
    const status = ready() ? 200 : 503;
    endResponse(new fetchAPI.Response(JSON.stringify({ status: status === 200 ? 'ready' : 'shutting down' }), { status, headers: { 'content-type': 'application/json; charset=utf-8' } }));
  },
});
