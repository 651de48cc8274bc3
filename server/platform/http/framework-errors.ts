import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Problem, problemBody, sendProblem, titleOf } from './problem.js';

/** The longest path segment Fastify matches as a parameter; a longer one is a 414 problem. */
export const MAX_PARAM_LENGTH = 100;

/**
 * Errors Fastify meets while routing, before any route or error handler runs (a path that is not valid
 * percent-encoding, an over-long parameter): problem+json like every other error.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  let problem: Problem;
  if (error.code === 'FST_ERR_BAD_URL') {
    problem = new Problem(400, titleOf(400), 'The URL path is not valid percent-encoded UTF-8.');
  } else if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    problem = new Problem(414, titleOf(414), `A path segment is longer than ${MAX_PARAM_LENGTH} characters.`);
  } else {
    request.log.error({ err: error }, 'routing error');
    problem = new Problem(500, titleOf(500), 'Something went wrong on our side. It has been logged.');
  }
  sendProblem(request, reply, problem);
}

/**
 * Requests Node's HTTP parser refuses (malformed, headers or URL over 16 KiB, too slow) never reach Fastify:
 * the answer is written straight to the socket, as problem+json.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  let problem: Problem;
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    problem = new Problem(408, titleOf(408), 'The request was not received in time.');
  } else if (error.code === 'HPE_HEADER_OVERFLOW') {
    problem = new Problem(431, titleOf(431), 'The URL and headers together are larger than 16 KiB.');
  } else {
    problem = new Problem(400, titleOf(400), 'The request is not valid HTTP/1.1.');
  }
  // The request line may not have been read, so there is no instance to name.
  const text = JSON.stringify(problemBody(problem));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\nConnection: close\r\n` +
        `Content-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
    );
  }
  socket.destroy(error);
}
