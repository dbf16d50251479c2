import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * Requests Node's HTTP parser refuses before any route sees them (headers larger than it accepts, a request
 * line it cannot read). Node would answer them with an empty body; they get the API's error shape instead.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable) return void socket.destroy();
    const [status, reason, body] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [
            431,
            'Request Header Fields Too Large',
            { code: 'REQUEST_HEADERS_TOO_LARGE', message: 'the request headers are larger than the server accepts' },
          ]
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'Request Timeout', { code: 'VALIDATION_FAILED', message: 'the request did not arrive in time' }]
          : [400, 'Bad Request', { code: 'VALIDATION_FAILED', message: 'the request is not valid HTTP' }];
    const json = JSON.stringify({ statusCode: status, ...body });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
    );
  });
}
