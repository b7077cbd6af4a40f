/** The benchmark's trace collector: accepts every OTLP/HTTP export (200) and counts the bytes; the parent asks over IPC. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

let exports = 0;
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    if (request.method === 'POST') exports += 1;
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on('message', (message: { count?: true }) => {
  if (message.count) process.send?.({ received: exports });
});
