import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, expect } from 'vitest';
import type { AccountRole } from '../../src/db/database.js';
import { buildApp } from '../../src/http/app.js';
import { inviteAccount, type Invited } from '../../src/services/identity/accounts.js';
import { totpCode } from '../../src/services/identity/totp.js';
import type { TestDialect } from '../helpers/databases.js';
import { SECRETARIAT, useWorld, type World } from '../helpers/world.js';

/**
 * The web pages as a browser sees them: one app per test over the test's own database, driven
 * with `inject`, and small browsers that keep their own cookies (a jar per browser, so two
 * browsers are two people, or one person on two computers). No JavaScript is involved: every
 * step is a GET of a page or a POST of one of its forms, as with scripting turned off.
 */

export const SESSION_COOKIE = '__Host-assent_session';
export const CSRF_COOKIE = '__Host-assent_csrf';
export const PASSWORD = 'correct horse battery staple';
/** Thirty seconds: one TOTP time step. */
export const STEP_MS = 30_000;

/** A cookie as the server set it. */
export interface SetCookie {
  readonly name: string;
  readonly value: string;
  readonly path?: string;
  readonly domain?: string;
  readonly maxAge?: number;
  readonly expires?: Date;
  readonly secure?: boolean;
  readonly httpOnly?: boolean;
  readonly sameSite?: string;
}

/** What a form post carries: single values, or several for checkboxes. */
export type FormFields = Readonly<Record<string, string | readonly string[]>>;

export interface PostOptions {
  /** Extra request headers (Origin, Sec-Fetch-Site…). */
  readonly headers?: Record<string, string>;
  /** The client address (the sign-in throttle counts per address). */
  readonly remoteAddress?: string;
}

/** A browser with its own cookie jar. */
export class Browser {
  readonly jar = new Map<string, string>();
  /** Every page (HTML response) this browser received, with its URL: the page checks iterate over them. */
  readonly pages: { url: string; response: LightMyRequestResponse }[] = [];

  constructor(
    private readonly app: FastifyInstance,
    private readonly remoteAddress = '198.51.100.1',
  ) {}

  private async send(options: InjectOptions, url: string): Promise<LightMyRequestResponse> {
    const cookie = [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const headers = {
      'user-agent': 'TestBrowser/1.0',
      ...(cookie && { cookie }),
      ...(options.headers as Record<string, string> | undefined),
    };
    const response = await this.app.inject({ remoteAddress: this.remoteAddress, ...options, headers });
    for (const c of response.cookies as SetCookie[]) {
      const expired =
        c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() <= Date.now()) || c.value === '';
      if (expired) this.jar.delete(c.name);
      else this.jar.set(c.name, c.value);
    }
    if (String(response.headers['content-type'] ?? '').startsWith('text/html')) this.pages.push({ url, response });
    return response;
  }

  get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.send({ method: 'GET', url, headers }, url);
  }

  post(url: string, fields: FormFields, options: PostOptions = {}): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields))
      for (const v of typeof value === 'string' ? [value] : value) body.append(name, v);
    return this.send(
      {
        method: 'POST',
        url,
        payload: body.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
        ...(options.remoteAddress && { remoteAddress: options.remoteAddress }),
      },
      url,
    );
  }

  /** GETs `page`, then posts its form to `action` with the form's own CSRF token and `fields`. */
  async submit(
    page: string,
    action: string,
    fields: FormFields,
    options: PostOptions = {},
  ): Promise<LightMyRequestResponse> {
    const form = await this.get(page);
    return this.post(action, { _csrf: csrfOf(form.body, action), ...fields }, options);
  }

  get session(): string | undefined {
    return this.jar.get(SESSION_COOKIE);
  }
}

/** The hidden CSRF token of the form that posts to `action` on a page. */
export function csrfOf(html: string, action: string): string {
  const form = formOf(html, action);
  const token = /name="_csrf" value="([^"]*)"/.exec(form)?.[1];
  if (token === undefined) throw new Error(`The form to ${action} has no CSRF token`);
  return token;
}

/** The markup of the form that posts to `action`. */
export function formOf(html: string, action: string): string {
  const escaped = action.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`<form[^>]*action="${escaped}"[^>]*>([\\s\\S]*?)</form>`).exec(html);
  if (!match) throw new Error(`No form posts to ${action}`);
  return match[0];
}

/** The text of an element with an id (tags stripped, entities of the escaper decoded). */
export function textOf(html: string, id: string): string {
  const match = new RegExp(`id="${id}"[^>]*>([\\s\\S]*?)</`).exec(html);
  if (!match) throw new Error(`No element #${id}`);
  return decode(match[1]!.replace(/<[^>]+>/g, ''));
}

/** Undoes preact's escaping of text. */
export function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The ten recovery codes of the page that shows them once. */
export function recoveryCodesOf(html: string): string[] {
  return [...html.matchAll(/<li><code>([^<]+)<\/code><\/li>/g)].map((m) => m[1]!);
}

/** Asserts a 303 to `location`. */
export function expectSeeOther(response: LightMyRequestResponse, location: string): void {
  expect({ status: response.statusCode, location: response.headers.location }).toEqual({ status: 303, location });
}

export interface Web {
  readonly world: World;
  readonly app: FastifyInstance;
  /** A new browser (own cookies), from `remoteAddress`. */
  browser(remoteAddress?: string): Browser;
  /** Invites a person as the secretariat would; returns the link's path and the account. */
  invite(options?: { email?: string; name?: string; role?: AccountRole; memberState?: string }): Promise<Invited>;
  /**
   * Walks an invitation to the end in `browser`: choose the password, scan the key (read from the
   * page), confirm with the current code; returns the key and the recovery codes shown once.
   */
  enrol(
    browser: Browser,
    invitationPath: string,
  ): Promise<{ seed: string; recoveryCodes: string[]; pageWithCodes: LightMyRequestResponse }>;
  /** Signs in with password and the authenticator code at the clock's current step. */
  signIn(browser: Browser, email: string, seed: string): Promise<void>;
  /** The current TOTP code of a key. */
  code(seed: string): string;
}

/** Per-test web: a fresh world (database, clock at 2023-03-28T08:00Z) and an app over it. */
export function useWeb(dialect: TestDialect): () => Web {
  const world = useWorld(dialect);
  let web: Web | undefined;
  beforeEach(async () => {
    const w = world();
    // secureCookies stays at its default (true): inject carries Secure cookies like any others.
    const app = await buildApp({ ctx: w.ctx, logger: false, rateLimitPerMinute: 0 });
    let counter = 0;
    const code = (seed: string) => totpCode(seed, w.clock.now());
    web = {
      world: w,
      app,
      browser: (remoteAddress) => new Browser(app, remoteAddress),
      invite: async (options = {}) => {
        counter += 1;
        const role = options.role ?? 'focal_point';
        return inviteAccount(w.ctx, {
          actor: SECRETARIAT,
          email: options.email ?? `person${counter}@ministry.kr.test`,
          name: options.name ?? `Person ${counter}`,
          role,
          ...(role === 'focal_point' && { memberState: options.memberState ?? 'KR' }),
        });
      },
      enrol: async (browser, invitationPath) => {
        const chosen = await browser.submit(invitationPath, invitationPath, {
          password: PASSWORD,
          passwordConfirm: PASSWORD,
        });
        expectSeeOther(chosen, '/account/authenticator');
        const page = await browser.get('/account/authenticator');
        expect(page.statusCode).toBe(200);
        const seed = textOf(page.body, 'totp-key').replace(/\s+/g, '');
        const pageWithCodes = await browser.post('/account/authenticator', {
          _csrf: csrfOf(page.body, '/account/authenticator'),
          code: code(seed),
        });
        expect(pageWithCodes.statusCode).toBe(200);
        return { seed, recoveryCodes: recoveryCodesOf(pageWithCodes.body), pageWithCodes };
      },
      signIn: async (browser, email, seed) => {
        expectSeeOther(await browser.submit('/login', '/login', { email, password: PASSWORD }), '/login/verify');
        // Signed in, each role lands on its work: the circulars, or what its State owes, or the consultations.
        const verified = await browser.submit('/login/verify', '/login/verify', { method: 'totp', code: code(seed) });
        expect(verified.statusCode).toBe(303);
        expect(['/secretariat', '/my', '/']).toContain(verified.headers.location);
      },
      code,
    };
  });
  afterEach(async () => {
    await web?.app.close();
    web = undefined;
  });
  return () => {
    if (!web) throw new Error('web used outside a test');
    return web;
  };
}

export interface FilePart {
  readonly field: string;
  readonly filename: string;
  readonly type: string;
  readonly bytes: Buffer;
}

/** Posts a multipart form as a browser does (the browser's cookies, no script). */
export async function postMultipart(
  app: FastifyInstance,
  browser: Browser,
  url: string,
  fields: Record<string, string>,
  files: readonly FilePart[] = [],
): Promise<LightMyRequestResponse> {
  const boundary = `----assent${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const file of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
    );
    parts.push(file.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const cookie = [...browser.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  return app.inject({
    method: 'POST',
    url,
    remoteAddress: '198.51.100.1',
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie, 'user-agent': 'TestBrowser/1.0' },
  });
}

/** The hidden fields of the form that posts to `action` (CSRF token, version, revision, kept files). */
export function hiddenFields(html: string, action: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [, name, value] of formOf(html, action).matchAll(
    /<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g,
  ))
    fields[name!] = decode(value!);
  return fields;
}
