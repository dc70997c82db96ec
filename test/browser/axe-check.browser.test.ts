import { AxeBuilder } from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import { launchChromium } from '../../src/platform/chromium.js';
import { AXE_TAGS } from './browser-harness.js';

/**
 * The accessibility check can fail: on a page with known faults axe reports them with the
 * tags the browser tests use. (A check that passes on every page is only worth something if it
 * would catch these.)
 */
describe('the axe check of the browser tests', () => {
  it('reports an unlabelled field, low contrast, a missing lang and an image without text', {
    timeout: 60_000,
  }, async () => {
    const { browser } = await launchChromium();
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.setContent(
        '<html><head><title>t</title></head><body><main><h1>Form</h1><p style="color:#bbb;background:#fff">Faint text</p>' +
          '<input type="text" name="x"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="10" height="10"></main></body></html>',
      );
      const { violations } = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
      expect(violations.map((v) => v.id).sort()).toEqual(
        expect.arrayContaining(['color-contrast', 'html-has-lang', 'image-alt', 'label']),
      );
    } finally {
      await browser.close();
    }
  });
});
