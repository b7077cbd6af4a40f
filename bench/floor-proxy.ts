/**
 * The floor: the least any Node gateway can cost. A bare node:http server that forwards the same
 * POST with undici to the upstream and answers with its status, nothing else.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';

const upstream = new Pool(process.env.UPSTREAM_URL ?? '', { connections: 64 });
const server = createServer(async (request, response) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const answer = await upstream.request({
    method: 'POST',
    path: '/via/v2/organizations/bench/engagementCenter/interactions/4320/hold',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      authorization: String(request.headers.authorization),
      'x-api-key': String(request.headers['x-api-key']),
      'via-client-sessionid': String(request.headers['via-client-sessionid']),
    },
    body: Buffer.concat(chunks),
  });
  await answer.body.dump();
  response.writeHead(answer.statusCode).end();
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
