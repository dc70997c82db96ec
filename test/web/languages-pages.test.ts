import { expect, it } from 'vitest';
import type { AccountRole } from '../../src/db/database.js';
import { LOCALES } from '../../src/i18n/i18n.js';
import { catalogueMessages } from '../../src/services/translations/catalogue-review.js';
import { describeEachDialect } from '../helpers/databases.js';
import { decode, useWeb, type Browser } from './web-harness.js';

/**
 * The secretariat's page of the language review (/secretariat/languages): the counts per
 * language and the messages a language still needs reviewed, read from the catalogues in the
 * source tree (read only here; test/cli/i18n-commands.test.ts changes a copy and renders it).
 */

/** The page-weight budget of issue #4 (HTML alone, uncompressed). */
const BUDGET_BYTES = 60 * 1024;

describeEachDialect('the languages page', (dialect) => {
  const web = useWeb(dialect);

  async function signedIn(role: AccountRole, memberState?: string): Promise<Browser> {
    const { invitationPath } = await web().invite({ role, ...(memberState !== undefined && { memberState }) });
    const browser = web().browser();
    await web().enrol(browser, invitationPath);
    return browser;
  }

  it('shows the secretariat each language’s reviewed, stale and unreviewed messages, linked from the navigation', async () => {
    const staff = await signedIn('secretariat_staff');
    const page = await staff.get('/en/secretariat/languages');
    expect(page.statusCode).toBe(200);
    const html = page.body;
    expect(html).toContain('<a href="/en/secretariat/languages" aria-current="page">Languages</a>');
    expect(html).toContain('<caption>Messages by language and review</caption>');
    expect(html).toContain('<th scope="col">Not reviewed</th>');
    for (const locale of LOCALES.filter((l) => l !== 'en'))
      expect(html).toContain(`href="/en/secretariat/languages?language=${locale}"`);
    const french = catalogueMessages('fr');
    const row = /<tr id="language-fr">([\s\S]*?)<\/tr>/.exec(html)![1]!;
    expect(row).toContain('>French</a>');
    const count = (status: string) => french.filter((m) => m.status === status).length;
    expect([...row.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1])).toEqual(
      [french.length, count('reviewed'), count('stale'), count('unreviewed')].map((n) => n.toLocaleString('en')),
    );
    expect(html).toContain('Choose a language above to see its messages to review.');
    expect(decode(html)).toContain('npx assent i18n export --locale fr --to-review --out fr.xlf');
    expect(Buffer.byteLength(html)).toBeLessThan(BUDGET_BYTES);
  });

  it('lists a language’s messages to review with their English and current text, by catalogue file, paged', async () => {
    const staff = await signedIn('secretariat_staff');
    const french = catalogueMessages('fr').filter((m) => m.status !== 'reviewed');
    const first = french[0]!;
    const page = await staff.get('/en/secretariat/languages?language=fr');
    expect(page.statusCode).toBe(200);
    const html = decode(page.body);
    expect(html).toContain('<h2 id="to-review-title">Messages to review — French</h2>');
    expect(html).toContain(`<caption>${first.area.fileId}: messages to review — French</caption>`);
    expect(html).toContain(`<th scope="row"><code dir="ltr">${first.id}</code></th>`);
    expect(html).toContain(`<td class="sec-wrap" lang="en" dir="ltr">${first.english}</td>`);
    expect(html).toContain(`<td class="sec-wrap" lang="fr" dir="auto">${first.text}</td>`);
    expect(html).toContain('aria-label="Pages of messages"');
    expect(html).toContain('href="/en/secretariat/languages?language=fr&page=2"');
    expect(Buffer.byteLength(page.body)).toBeLessThan(BUDGET_BYTES);

    const last = await staff.get('/en/secretariat/languages?language=fr&page=999999');
    expect(last.statusCode).toBe(200);
    expect(decode(last.body)).toContain('rel="prev"');

    // In the reader's language, the language named in it.
    const inFrench = decode((await staff.get('/fr/secretariat/languages?language=ru')).body);
    expect(inFrench).toContain('Révision des langues');
    expect(inFrench).toContain('Messages à réviser — russe');
    const inArabic = await staff.get('/ar/secretariat/languages?language=zh');
    expect(inArabic.statusCode).toBe(200);
    expect(decode(inArabic.body)).toContain('مراجعة اللغات');
  });

  it('ignores an unknown language, refuses a malformed query, and is the secretariat’s only', async () => {
    const staff = await signedIn('secretariat_staff');
    const unknown = await staff.get('/en/secretariat/languages?language=xx');
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toContain('Choose a language above');
    expect((await staff.get('/en/secretariat/languages?language=%00')).statusCode).toBe(400);
    for (const browser of [await signedIn('focal_point', 'KR'), await signedIn('observer')])
      expect((await browser.get('/en/secretariat/languages')).statusCode).toBe(403);
    const visitor = web().browser();
    const anonymous = await visitor.get('/en/secretariat/languages');
    expect(anonymous.statusCode).toBe(303);
  });
});
