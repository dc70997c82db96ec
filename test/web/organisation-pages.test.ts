import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { useWorld } from '../helpers/world.js';

/**
 * The organisation running the site (ORG_NAME, ORG_NAME_<LANG>, ORG_LOGO): its name in the
 * header in the reader's language where given, and its logo, served fingerprinted like the other
 * assets. Without them the header says "Assent".
 */

const folder = mkdtempSync(path.join(tmpdir(), 'assent-org-pages-'));
const logo = path.join(folder, 'itu.svg');
writeFileSync(logo, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10"><rect width="20" height="10"/></svg>');
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the organisation in the header', () => {
  const world = useWorld('sqlite');
  let app: Awaited<ReturnType<typeof buildApp>>;
  let plain: Awaited<ReturnType<typeof buildApp>>;
  beforeEach(async () => {
    app = await buildApp({
      ctx: world().ctx,
      logger: false,
      organisation: {
        names: { default: 'International Telecommunication Union', fr: 'Union internationale des télécommunications' },
        logo,
      },
    });
    plain = await buildApp({ ctx: world().ctx, logger: false });
  });
  afterEach(async () => {
    await app.close();
    await plain.close();
  });

  it('names the organisation in the reader’s language where given, else in its default name, beside its logo', async () => {
    const english = (await app.inject('/en/')).body;
    const href = /<img class="site-logo" src="(\/assets\/logo\.[0-9a-f]{8}\.svg)" alt\/>/.exec(english)?.[1];
    expect(href).toBeDefined();
    expect(english).toContain(`alt/>International Telecommunication Union</a>`);
    expect((await app.inject('/fr/')).body).toContain('alt/>Union internationale des télécommunications</a>');
    expect((await app.inject('/ar/')).body).toContain('alt/>International Telecommunication Union</a>');

    const served = await app.inject(href!);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/svg+xml');
    expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.rawPayload.equals(readFileSync(logo))).toBe(true);
  });

  it('says "Assent" and serves no logo when none is configured', async () => {
    const page = (await plain.inject('/en/')).body;
    expect(page).toContain('<a class="site-name" href="/en/">Assent</a>');
    expect(page).not.toContain('site-logo');
    expect((await plain.inject('/assets/logo.svg')).statusCode).toBe(404);
  });
});
