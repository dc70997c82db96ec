import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useRealBrowser } from './browser-harness.js';

// An organisation's logo and names (ORG_LOGO, ORG_NAME, ORG_NAME_AR), as an operator sets them.
const folder = mkdtempSync(path.join(tmpdir(), 'assent-org-browser-'));
const logo = path.join(folder, 'logo.svg');
writeFileSync(
  logo,
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20"><rect width="40" height="20" fill="#fff"/></svg>',
);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the organisation in the header, in a real browser', () => {
  const b = useRealBrowser('sqlite', {
    organisation: { names: { default: 'International Telecommunication Union', ar: 'الاتحاد الدولي للاتصالات' }, logo },
  });

  it('shows the logo (loaded under the page’s security policy) and the name in English and Arabic; axe finds nothing', {
    timeout: 120_000,
  }, async () => {
    const { page } = await b().newPerson();
    for (const [locale, name] of [
      ['en', 'International Telecommunication Union'],
      ['ar', 'الاتحاد الدولي للاتصالات'],
    ] as const) {
      await page.goto(`/${locale}/`);
      const home = page.getByRole('link', { name, exact: true });
      await expect.poll(() => home.count()).toBe(1);
      await expect
        .poll(() => page.locator('img.site-logo').evaluate((img) => (img as HTMLImageElement).naturalWidth))
        .toBeGreaterThan(0);
      await b().checkAccessibility(page, `home with the organisation (${locale})`);
    }
  });
});
