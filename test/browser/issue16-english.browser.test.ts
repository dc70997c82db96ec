import { describe, it } from 'vitest';
import { useRealBrowser } from './browser-harness.js';
import { publicAndFocalPointJourney, secretariatJourney } from './issue16-journeys.js';

/**
 * Issue #16 in English, in a real Chromium: the journeys of issue16-journeys.ts, which the other
 * browser tests walk in no language or in part (the Arabic twin is issue16-arabic.browser.test.ts).
 * axe on every page state; every page under the weight budget.
 */
describe('issue #16 in English, in a real browser', () => {
  const b = useRealBrowser();

  it('[en] a visitor and a focal point: the public pages’ head and feeds, dates in the reader’s zone, a reminder e-mail as HTML leading through sign-in to the reply form, its document link, fields shown on choice (all without the script), a partial reply, one answer for every text when amending', {
    timeout: 120_000,
  }, async () => {
    await publicAndFocalPointJourney(b(), 'en');
  });

  it('[en] the secretariat: landing, wide tables, downloads, a paper reply with its zone, a State’s versions, comments filtered and printed, decisions (pickers without the script, unopposed in one action, a third reservation row), the notice’s e-mail, account search, an authenticator reset, the audit trail filtered with names', {
    timeout: 120_000,
  }, async () => {
    await secretariatJourney(b(), 'en');
  });
});
