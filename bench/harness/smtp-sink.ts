/**
 * A lean SMTP server for the mail benchmark, in a process of its own so it never shares the node's event loop: it
 * accepts every message, reads it to the end and counts it. Started by bench/mail.ts over IPC: it sends
 * `{ port }` once listening and answers `count` with `{ count }`.
 */
import { SMTPServer } from 'smtp-server';

let count = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['AUTH', 'STARTTLS'],
  // A relay would look the client up; here that would measure this machine's resolver, not Plein.
  disableReverseLookup: true,
  logger: false,
  onData(stream, _session, callback) {
    stream.on('data', () => {});
    stream.on('end', () => {
      count++;
      callback();
    });
  },
});
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.server.address() as { port: number }).port });
});
process.on('message', (message) => {
  if (message === 'count') process.send?.({ count });
  if (message === 'stop') server.close(() => process.exit(0));
});
