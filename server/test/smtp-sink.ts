import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type Received = { envelopeFrom: string; envelopeTo: string[]; raw: string; mail: ParsedMail };

/**
 * A real SMTP server on 127.0.0.1 that keeps what it accepts. `hold` makes it keep the next message's answer back
 * until `release()` — then it refuses it (451), as a server does whose client vanished before the answer.
 */
export async function startSmtpSink() {
  const received: Received[] = [];
  let holdNext = false;
  let held: { release: () => void } | null = null;
  const heldWaiters: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        if (holdNext) {
          holdNext = false;
          held = {
            release: () => callback(Object.assign(new Error('try again later'), { responseCode: 451 })),
          };
          for (const wake of heldWaiters.splice(0)) wake();
          return;
        }
        received.push({
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          envelopeTo: session.envelope.rcptTo.map((to) => to.address),
          raw,
          mail: await simpleParser(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Hold the next message unanswered; resolves once it is being held. */
    holdNext(): Promise<void> {
      holdNext = true;
      return new Promise((resolve) => heldWaiters.push(resolve));
    },
    releaseHeld() {
      held?.release();
      held = null;
    },
    to: (address: string) => received.filter((message) => message.envelopeTo.includes(address)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;

export const addressesOf = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((object) =>
    object.value.map((v) => v.address),
  );
