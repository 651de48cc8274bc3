import type { FastifyInstance } from 'fastify';

export type Answer = { status: number; location: string | null; body: string; url: string };

/**
 * A browser reduced to what a redirect flow needs: a cookie jar per host and requests by hand, redirects not
 * followed, so a test sees (and may tamper with) every step. Plein's own address goes to the app in process
 * (app.inject); every other address is real HTTP.
 */
export class RedirectBrowser {
  readonly #jar = new Map<string, Map<string, string>>();

  constructor(
    private readonly app: FastifyInstance,
    private readonly pleinUrl: string,
  ) {}

  cookie(url: string, name: string): string | undefined {
    return this.#jar.get(new URL(url).host)?.get(name);
  }

  forget(url: string, name: string): void {
    this.#jar.get(new URL(url).host)?.delete(name);
  }

  async request(
    method: 'GET' | 'POST',
    address: string,
    form?: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const url = new URL(address, this.pleinUrl);
    const cookies = [...(this.#jar.get(url.host) ?? new Map())].map(([name, value]) => `${name}=${value}`);
    const sent: Record<string, string> = {
      ...headers,
      ...(cookies.length ? { cookie: cookies.join('; ') } : {}),
    };
    const body = form ? new URLSearchParams(form).toString() : undefined;
    if (body) sent['content-type'] = 'application/x-www-form-urlencoded';
    if (url.origin === new URL(this.pleinUrl).origin) {
      const response = await this.app.inject({
        method,
        url: url.pathname + url.search,
        headers: sent,
        ...(body ? { payload: body } : {}),
      });
      const setCookie = response.headers['set-cookie'];
      this.#keep(url, Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []);
      return {
        status: response.statusCode,
        location: header(response.headers.location),
        body: response.body,
        url: url.href,
      };
    }
    const response = await fetch(url, { method, headers: sent, body, redirect: 'manual' });
    this.#keep(url, response.headers.getSetCookie());
    return {
      status: response.status,
      location: response.headers.get('location'),
      body: await response.text(),
      url: url.href,
    };
  }

  /** Follows redirects (and answers the provider's login and consent pages with `login`) until `stop` says so. */
  async follow(
    start: string,
    options: { login?: string; stop: (url: URL) => boolean; consent?: boolean },
  ): Promise<URL> {
    let answer = await this.request('GET', start);
    for (let step = 0; step < 20; step++) {
      if (answer.location) {
        const next = new URL(answer.location, answer.url);
        if (options.stop(next)) return next;
        answer = await this.request('GET', next.href);
        continue;
      }
      const form = providerForm(answer.body);
      if (answer.status !== 200 || !form) {
        throw new Error(`stuck at ${answer.url} (${answer.status}): ${answer.body.slice(0, 300)}`);
      }
      const action = new URL(form.action, answer.url).href;
      if (form.prompt === 'login') {
        if (!options.login) throw new Error('the provider asks to sign in, and no login was given');
        answer = await this.request('POST', action, {
          prompt: 'login',
          login: options.login,
          password: 'test',
        });
      } else if (form.prompt === 'consent' && options.consent !== false) {
        answer = await this.request('POST', action, { prompt: 'consent' });
      } else {
        // The provider's "sign me out?" page: its submit button says yes.
        const yes: Record<string, string> = /name="logout"/.test(answer.body) ? { logout: 'yes' } : {};
        answer = await this.request('POST', action, { ...form.fields, ...yes });
      }
    }
    throw new Error('more than 20 steps without arriving');
  }

  #keep(url: URL, setCookies: string[]): void {
    const jar = this.#jar.get(url.host) ?? new Map<string, string>();
    this.#jar.set(url.host, jar);
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      const gone = attributes.some((attribute) => {
        const [key, val] = attribute.trim().split('=');
        if (key?.toLowerCase() === 'max-age') return Number(val) <= 0;
        if (key?.toLowerCase() === 'expires') return new Date(val ?? '').getTime() <= Date.now();
        return false;
      });
      if (gone || value === '') jar.delete(name);
      else jar.set(name, value);
    }
  }
}

const header = (value: string | string[] | number | undefined) =>
  value === undefined ? null : Array.isArray(value) ? (value[0] ?? null) : String(value);

/** The first form of a provider page: its action, its hidden `prompt`, and all its hidden fields. */
function providerForm(html: string) {
  const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return null;
  const fields: Record<string, string> = {};
  for (const input of form[2]!.matchAll(/<input[^>]*type="hidden"[^>]*>/gi)) {
    const name = /name="([^"]+)"/.exec(input[0])?.[1];
    const value = /value="([^"]*)"/.exec(input[0])?.[1] ?? '';
    if (name) fields[name] = value;
  }
  return { action: form[1]!.replaceAll('&amp;', '&'), prompt: fields.prompt ?? null, fields };
}
