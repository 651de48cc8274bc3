import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import type { Deps } from '../../platform/http/deps.js';
import { receiveMail } from './receive.js';

export type SmtpIn = { port: number; stop: () => Promise<void> };

const smtpError = (message: string, responseCode: number) =>
  Object.assign(new Error(message), { responseCode });

/** Reads the DATA stream, stopping at the size limit rather than holding a huge message in memory. */
function readLimited(stream: SMTPServerDataStream, max: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) chunks.push(chunk);
    });
    stream.on('end', () => resolve(size > max || stream.sizeExceeded ? null : Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/**
 * The inbound SMTP listener (PLEIN_SMTP_IN_PORT, on HOST): the relay or MX hands mail here, and each message goes
 * to receiveMail. No AUTH and no TLS here — put it behind the organisation's relay (docs/EMAIL.md).
 */
export async function startSmtpIn(deps: Deps, port: number, host: string): Promise<SmtpIn> {
  const maxBytes = deps.config.mailIn.maxBytes;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: maxBytes,
    banner: 'Plein',
    logger: false,
    onData(stream, session, callback) {
      readLimited(stream, maxBytes)
        .then(async (raw) => {
          if (!raw) return callback(smtpError('Message too large', 552));
          const outcome = await receiveMail(deps, raw, {
            mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
            rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          });
          deps.log.info({ outcome }, 'inbound mail');
          if (outcome.kind === 'refused' && outcome.reason === 'rate-limited') {
            return callback(smtpError('Too many messages, try again later', 451));
          }
          callback();
        })
        .catch((error: unknown) => {
          deps.log.error({ err: error }, 'inbound mail failed');
          callback(smtpError('Temporary failure, try again later', 451));
        });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  server.on('error', (error) => deps.log.warn({ err: error }, 'inbound SMTP'));
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
