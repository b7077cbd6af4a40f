/** The benchmark's upstream: answers 202 to every POST and counts them; the parent asks for the count over IPC. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

let received = 0;
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    if (request.method === 'POST') received += 1;
    response.writeHead(request.method === 'POST' ? 202 : 405).end();
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on('message', (message: { count?: true }) => {
  if (message.count) process.send?.({ received });
});
