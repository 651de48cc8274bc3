import type { BrowserContext, Page } from 'playwright-core';

/** What one page visit gave away: a script that ran, markup that should not be there, a request off-site. */
export type Findings = { fired: string[]; dom: string[]; offsite: string[]; errors: string[] };

export const noFindings = (): Findings => ({ fired: [], dom: [], offsite: [], errors: [] });

/**
 * Installs the trap in every page and frame of the context before any of the page's own script: `__xss(code)`
 * and the dialog functions report to the test. The listeners catch what the trap cannot: a real dialog, a
 * vector that ran where `__xss` is missing (its ReferenceError names it), a request to another host.
 */
export async function installTrap(
  context: BrowserContext,
  baseUrl: string,
  findings: Findings,
): Promise<void> {
  await context.exposeBinding('__xssReport', ({ frame }, what: string) => {
    findings.fired.push(`${what} on ${frame.url()}`);
  });
  await context.addInitScript(() => {
    const report = (what: string) =>
      (window as unknown as { __xssReport: (w: string) => void }).__xssReport(what);
    Object.defineProperty(window, '__xss', { value: (code: number) => report(`__xss(${code})`) });
    for (const name of ['alert', 'confirm', 'prompt', 'print'] as const) {
      Object.defineProperty(window, name, {
        value: (message: unknown) => report(`${name}(${String(message)})`),
      });
    }
  });
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${baseUrl}/`)) findings.offsite.push(url.slice(0, 200));
  });
  context.on('page', (page) => watchPage(page, baseUrl, findings));
}

function watchPage(page: Page, baseUrl: string, findings: Findings): void {
  page.on('dialog', (dialog) => {
    findings.fired.push(`dialog ${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => findings.errors.push(`${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.text().includes('__xss')) findings.fired.push(`console: ${message.text()}`);
  });
  page.on('framenavigated', (frame) => {
    const url = frame.url();
    if (url !== 'about:blank' && !url.startsWith(`${baseUrl}/`)) findings.fired.push(`navigated to ${url}`);
  });
}

/**
 * Walks the whole DOM of the page as it is now and names everything dangerous: event-handler attributes,
 * javascript:/data:/vbscript: URLs in any URL attribute, elements that load or run something, styles that
 * load or compute, and in rendered content (.prose) anything beyond what Markdown makes.
 */
export function auditDom(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const URL_ATTRIBUTES = new Set([
      'href',
      'src',
      'action',
      'formaction',
      'xlink:href',
      'data',
      'poster',
      'background',
      'lowsrc',
      'dynsrc',
      'codebase',
      'cite',
      'ping',
      'srcset',
      'values',
      'to',
      'from',
      'by',
    ]);
    const NEVER = new Set([
      'iframe',
      'frame',
      'frameset',
      'object',
      'embed',
      'applet',
      'base',
      'portal',
      'fencedframe',
    ]);
    const CONTENT_TAGS = new Set(
      'p br hr strong em s code pre blockquote ul ol li a h1 h2 h3 h4 h5 h6 table thead tbody tr th td span'.split(
        ' ',
      ),
    );
    // As a browser reads a URL: controls and spaces around it dropped, tabs and newlines removed anywhere.
    const scheme = (value: string) =>
      /^([a-z][a-z0-9+.-]*):/i
        .exec(value.replace(/^[\p{Cc} ]+/u, '').replace(/[\t\n\r]/g, ''))?.[1]
        ?.toLowerCase();
    const describe = (element: Element) => `<${element.localName}> ${element.outerHTML.slice(0, 160)}`;
    for (const element of document.querySelectorAll('*')) {
      const tag = element.localName;
      const inContent = element.closest('.prose') !== null && !element.classList.contains('prose');
      for (const attribute of element.attributes) {
        const name = attribute.name.toLowerCase();
        if (name.startsWith('on')) problems.push(`event handler ${name}: ${describe(element)}`);
        if (name === 'srcdoc') problems.push(`srcdoc: ${describe(element)}`);
        if (
          URL_ATTRIBUTES.has(name) &&
          ['javascript', 'data', 'vbscript'].includes(scheme(attribute.value) ?? '')
        )
          problems.push(`${name}="${attribute.value.slice(0, 80)}": ${describe(element)}`);
        if (
          name === 'style' &&
          /url\s*\(|expression\s*\(|javascript:|behavior\s*:|-moz-binding/i.test(attribute.value)
        )
          problems.push(`style="${attribute.value.slice(0, 80)}": ${describe(element)}`);
        if (name === 'http-equiv') problems.push(`http-equiv: ${describe(element)}`);
      }
      if (NEVER.has(tag)) problems.push(`element: ${describe(element)}`);
      // The app's own scripts come from its own files; none is inline.
      if (tag === 'script') {
        const src = element.getAttribute('src') ?? '';
        if (!/^\/(?!\/)/.test(src) || element.textContent?.trim())
          problems.push(`script: ${describe(element)}`);
      }
      if (tag === 'form' && (element.hasAttribute('action') || inContent))
        problems.push(`form: ${describe(element)}`);
      if (tag === 'style' && element.closest('head') === null)
        problems.push(`style element: ${describe(element)}`);
      if (inContent && !CONTENT_TAGS.has(tag)) problems.push(`in content: ${describe(element)}`);
    }
    return problems;
  });
}
