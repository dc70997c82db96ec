import type { APIResponse, Page } from 'playwright-core';
import { expect } from 'vitest';
import { designation } from '../../src/domain/member-states/designations.js';
import { formatDeadline, formatUtc, t } from '../../src/i18n/i18n.js';
import { mailHtml } from '../../src/mail/mail-html.js';
import type { ReplyInput } from '../../src/schemas/reply.schema.js';
import { uploadAttachment } from '../../src/services/attachments.js';
import { addContact } from '../../src/services/contacts.js';
import { remindStateNow } from '../../src/services/remind-state.js';
import { submitReply } from '../../src/services/submit-reply.js';
import { readXlsx } from '../helpers/xlsx.js';
import { consultationInput, DEADLINE, focalPoint, replyInput, SECRETARIAT } from '../helpers/world.js';
import { BASE_URL, deliverMail } from '../identity/identity-harness.js';
import { PAGE_BUDGET_BYTES, PASSWORD, type RealBrowser } from './browser-harness.js';
import { checkLocalisedPage, enrolledAccount, errorSummary, signInInLocale, visit } from './languages-helpers.js';

/**
 * The journeys of issue #16 ("the secretariat's workbench and the focal point's comfort") that
 * the other browser tests do not walk, written once for any page language: fields, buttons and
 * links are found by id, name, form action and href only, and what a page says is compared with
 * the catalogue of its language. issue16-arabic.browser.test.ts walks them in Arabic (right to
 * left), issue16-english.browser.test.ts in English. On every page state: `<html lang dir>`, the
 * language switcher, one h1, axe (checkLocalisedPage); at the end every page under the budget.
 */

const ID = 'tsb-79-2023';
/** The address of the document consulted for X.1353 (the texts' `locationUrl`); never fetched. */
const X1353_URL = 'https://www.itu.int/md/T22-SG17-R-0035/en';
/** A small file that is a PDF by its content. */
const pdf = (what: string) =>
  Buffer.from(`%PDF-1.7\n% ${what}\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n`, 'latin1');
/** The byte order mark that tells spreadsheet software a CSV file is UTF-8. */
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** What the people of a journey type, in the page's language (designations stay Latin, as people write them). */
const TYPED = {
  ar: {
    reasons: 'التحليل الأمني لعملية النشر دون تدخل (X.ztd-iot) ليس ناضجاً بعد.',
    name: 'كيم مين جون',
    title: 'مدير، وزارة العلوم وتكنولوجيا المعلومات والاتصالات',
    reservation: 'تتحفظ على الملحق ألف',
    resetReason: 'فُقد الهاتف؛ تم التحقق من الهوية عبر الهاتف',
  },
  en: {
    reasons: 'The security analysis of the zero-touch flow (X.ztd-iot) is not mature.',
    name: 'Kim Min-jun',
    title: 'Director, Ministry of Science and ICT',
    reservation: 'Reserves its position on Annex A',
    resetReason: 'Phone lost; identity checked by telephone',
  },
} as const;

type JourneyLocale = keyof typeof TYPED;

/**
 * An instant as the server writes it: day, month in words, year, then a 24-hour time in UTC
 * (ITU's order in English: "15 August 2023 at 10:00 UTC", not "August 15, 2023, 10:00 AM").
 */
const INSTANT: Readonly<Record<JourneyLocale, RegExp>> = {
  en: /^\d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2} UTC$/,
  ar: /^\d{1,2} \p{Script=Arabic}+ \d{4} في \d{2}:\d{2} UTC$/u,
};

/** The browser's own language for a page language (what a person reading it would have set). */
const browserLocale = (locale: JourneyLocale) => (locale === 'ar' ? 'ar-EG' : 'en-GB');

/**
 * The same person in a browser that runs none of the site's script (its one script refused: axe
 * needs the browser's own scripting), signed in with the cookies of `page`.
 */
async function withoutScript(b: RealBrowser, locale: JourneyLocale, page: Page) {
  const person = await b.newPerson({ locale: browserLocale(locale) });
  await person.context.route(/\/assets\/app\.[0-9a-f]+\.js$/, (route) => route.abort());
  await person.context.addCookies(await page.context().cookies());
  return person;
}

/** Fetches a link of the page with the page's cookies; expects 200 and returns the answer. */
async function follow(page: Page, href: string | null): Promise<APIResponse> {
  expect(href, 'a link to follow').not.toBeNull();
  const response = await page.request.get(href!);
  expect(response.status(), href!).toBe(200);
  return response;
}

/** The `href` of the first element matching `selector`. */
const hrefOf = (page: Page, selector: string) => page.locator(selector).first().getAttribute('href');

/** A CSV download as spreadsheet software gets it: UTF-8 with a byte order mark; returns its text. */
async function expectCsv(response: APIResponse): Promise<string> {
  expect(response.headers()['content-type']).toMatch(/^text\/csv; charset=utf-8/);
  const body = await response.body();
  expect(body.subarray(0, 3).equals(BOM), 'CSV starts with a byte order mark').toBe(true);
  return body.subarray(3).toString('utf8');
}

/**
 * The times of a page as the reader meets them: `time[data-local]` elements written by the
 * server in UTC, day-month-year, 24-hour, and beside them the script's reader's time (24-hour)
 * only when the reader's clock is not on UTC. Returns how many local times the script added.
 */
async function expectUtcTimes(
  page: Page,
  locale: JourneyLocale,
  selector: string,
  readerZone: string,
): Promise<number> {
  // The script runs deferred: wait for the page's load before reading what it added.
  await page.waitForLoadState('load');
  const times = await page.locator(selector).evaluateAll((elements) =>
    elements.map((el) => ({
      datetime: el.getAttribute('datetime') ?? '',
      text: el.textContent ?? '',
      local: el.nextElementSibling?.classList.contains('local-time') ? (el.nextElementSibling.textContent ?? '') : null,
    })),
  );
  expect(times.length, `${selector} on ${page.url()}`).toBeGreaterThan(0);
  for (const time of times) {
    const at = Date.parse(time.datetime);
    // An instant ("16 August 2023 at 23:59 UTC"), or the deadline as the circular words it.
    const deadline = formatDeadline(locale, { deadlineAt: at, deadlineWording: 'hhmm' } as never);
    expect([formatUtc(locale, at), deadline], time.datetime).toContain(time.text);
    if (time.text !== deadline) expect(time.text).toMatch(INSTANT[locale]);
    if (readerZone === 'UTC') expect(time.local, `${time.datetime}: no reader's time in UTC`).toBeNull();
    else {
      // The hour and minute on the reader's clock, two digits each, 24-hour (in the page's digits).
      const clock = await page.evaluate(
        ([instant, lang, zone]) =>
          new Intl.DateTimeFormat(lang, {
            hour: '2-digit',
            minute: '2-digit',
            hourCycle: 'h23',
            timeZone: zone,
          }).format(new Date(instant)),
        [at, locale === 'en' ? 'en-GB' : locale, readerZone] as const,
      );
      expect(time.local, `${time.datetime}: the reader's time`).toContain(clock);
    }
  }
  return times.filter((time) => time.local !== null).length;
}

/**
 * Items 3, 4, 5, 6, 7, 9 and 11 of issue #16, as a visitor and then a focal point of Korea meet
 * them: the public pages' head (meta description, site icon, cache headers, feeds), the calendar
 * and the Atom feed, the deadline in the reader's words and zone; a reminder e-mail in the
 * contact's language, read as HTML, whose link leads through sign-in back to the reply form; on
 * the form the document consulted as a link, a choice's fields shown when it is chosen (and every
 * field without the script), a date field, a partial reply and its receipt's time; then amending
 * with one answer for every text, the hidden field this leaves refused and shown.
 */
export async function publicAndFocalPointJourney(b: RealBrowser, locale: JourneyLocale): Promise<void> {
  const { world } = b;
  const typed = TYPED[locale];
  const seen: string[] = [];
  const check = async (page: Page, label: string) => seen.push(await checkLocalisedPage(b, page, locale, label));
  const texts = (consultationInput().texts ?? []).map((text) =>
    text.designation === 'X.1353' ? { ...text, locationUrl: X1353_URL } : text,
  );
  await world.openConsultation({ texts });

  // ---- Item 11 and 3: the public home page's head, cached for readers who are not signed in; its feeds.
  const { page: visitor } = await b.newPerson({ locale: browserLocale(locale) });
  const home = await visit(visitor, locale, '/');
  expect(await visitor.locator('meta[name="description"]').getAttribute('content')).toBe(
    t(locale, 'layout.description'),
  );
  const headers = home.headers();
  expect(headers['cache-control']).toBe('public, no-cache');
  expect(headers.etag).toBeTruthy();
  const again = await visitor.request.get(`/${locale}/`, { headers: { 'if-none-match': headers.etag! } });
  expect(again.status(), 'the same page again: not modified').toBe(304);
  const icon = await follow(visitor, await hrefOf(visitor, 'link[rel="icon"]'));
  expect(icon.headers()['content-type']).toMatch(/^image\/svg\+xml/);
  const favicon = await follow(visitor, '/favicon.ico');
  expect(favicon.headers()['content-type']).toMatch(/^image\//);
  const feedHref = await hrefOf(visitor, 'link[rel="alternate"][type="application/atom+xml"]');
  expect(feedHref).toBe(await hrefOf(visitor, '#follow a[type="application/atom+xml"]'));
  const feed = await follow(visitor, feedHref);
  expect(feed.headers()['content-type']).toMatch(/^application\/atom\+xml/);
  const atom = await feed.text();
  expect(atom).toContain(`xml:lang="${locale}"`);
  expect(atom).toContain('TSB Circular 79');
  const calendar = await follow(visitor, await hrefOf(visitor, '#follow a[type="text/calendar"]'));
  expect(calendar.headers()['content-type']).toMatch(/^text\/calendar/);
  expect(await calendar.text()).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*BEGIN:VEVENT/);
  await check(visitor, 'home, with its feeds');

  // ---- Items 9, 3 and 7: the circular's page: the deadline in the reader's words and zone, its calendar, the document's link.
  await visit(visitor, locale, `/consultations/${ID}`);
  expect(await visitor.locator('#deadline').innerText()).toContain(
    formatDeadline(locale, { deadlineAt: Date.parse(DEADLINE), deadlineWording: 'hhmm' } as never),
  );
  // The browser is in Zurich (CEST in August): the script adds the reader's time, 24-hour.
  await expect.poll(() => visitor.locator('#deadline .local-time').count()).toBe(1);
  expect(await visitor.locator('#deadline .local-time').innerText()).toContain(
    await visitor.evaluate(
      (lang) =>
        new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
          new Date('2023-08-16T23:59:59.999Z'),
        ),
      locale === 'en' ? 'en-GB' : locale,
    ),
  );
  const ics = await follow(visitor, await hrefOf(visitor, `a[href$="/${ID}/calendar.ics?lang=${locale}"]`));
  expect(await ics.text()).toContain('DTSTART');
  expect(await visitor.locator(`main a[href="${X1353_URL}"]`).count()).toBe(1);
  await check(visitor, 'circular, the deadline in the reader’s zone');
  // A reader whose clock is on UTC is told nothing more: the page's time is theirs.
  {
    const utc = await b.newPerson({ locale: browserLocale(locale), timezoneId: 'UTC' });
    await visit(utc.page, locale, `/consultations/${ID}`);
    await utc.page.waitForLoadState('load');
    await expect.poll(() => utc.page.locator('[data-countdown]').first().innerText()).not.toBe('');
    expect(await utc.page.locator('.local-time').count()).toBe(0);
    await utc.context.close();
  }

  // ---- Item 4: a reminder in the contact's language, as HTML, linking to the reply form in that language.
  await addContact(world.ctx, {
    actor: SECRETARIAT,
    email: 'kim@msit.kr.test',
    name: 'Kim Min-jun',
    role: 'focal_point',
    memberState: 'KR',
    language: locale,
  });
  const seed = await enrolledAccount(b, { email: 'kim@msit.kr.test', name: 'Kim Min-jun', memberState: 'KR' });
  await remindStateNow(world.ctx, { actor: SECRETARIAT, consultationId: ID, memberState: 'KR' });
  const reminder = (await deliverMail(world.ctx)).find((mail) => mail.text.includes(`/my/consultations/${ID}/reply`));
  expect(reminder, 'the reminder e-mail').toBeDefined();
  expect(reminder!.language).toBe(locale);
  const { page } = await b.newPerson({ locale: browserLocale(locale) });
  page.on('dialog', (dialog) => void dialog.accept());
  await page.setContent(mailHtml(reminder!.subject, reminder!.text, reminder!.language));
  expect(await page.locator('html').getAttribute('lang')).toBe(locale);
  expect(await page.locator('html').getAttribute('dir')).toBe(locale === 'ar' ? 'rtl' : 'ltr');
  const link = await hrefOf(page, `a[href*="/my/consultations/${ID}/reply"]`);
  expect(link).toBe(`${BASE_URL}/${locale}/my/consultations/${ID}/reply`);
  await b.checkAccessibility(page, `[${locale}] reminder e-mail, as HTML`);
  seen.push('reminder e-mail');

  // ---- Items 5 and 6: the link, followed while signed out: sign in, and back on the form.
  const form = `/${locale}/my/consultations/${ID}/reply`;
  await page.goto(link!.slice(BASE_URL.length));
  await page.waitForURL(new RegExp(`/${locale}/login\\?next=`));
  await check(page, 'sign-in asked by the e-mail’s link');
  await page.locator('input[name="email"]').fill('kim@msit.kr.test');
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('form[action*="/login"] button[type="submit"]').first().click();
  await page.waitForURL(new RegExp(`/${locale}/login/verify`));
  await page.locator('input[name="code"]').fill(b.code(seed));
  await page.locator('form[action*="/login/verify"] button[type="submit"]').first().click();
  await page.waitForURL(new RegExp(`${form}$`));

  // ---- Item 7: the document consulted as a link; a choice's fields shown once it is chosen.
  expect(await page.locator(`#text-x1353 .reply-document a[href="${X1353_URL}"]`).count()).toBe(1);
  expect(await page.locator('#text-x1333-cor1 .reply-document').count()).toBe(1);
  expect(await page.locator('#text-x1333-cor1 .reply-document a').count()).toBe(0);
  // Item 9: the date signed is a date field.
  expect(await page.locator('#field-signedOn').getAttribute('type')).toBe('date');
  for (const field of ['#field-x1353-option', '#field-x1353-reasons', '#field-x1353-changes'])
    expect(await page.locator(field).isVisible(), field).toBe(false);
  await check(page, 'reply form from the e-mail’s link');
  // Without a script, every field shows and nothing is offered that needs one.
  {
    const plain = await withoutScript(b, locale, page);
    await plain.page.goto(form);
    for (const field of ['#field-x1353-option', '#field-x1353-reasons', '#field-x1353-changes'])
      expect(await plain.page.locator(field).isVisible(), `${field} without a script`).toBe(true);
    expect(await plain.page.locator('.reply-same, .reply-same-status').count()).toBe(0);
    await check(plain.page, 'reply form without a script');
    await plain.context.close();
  }
  await page.locator('#field-x1353-position').check();
  expect(await page.locator('#field-x1353-option').isVisible()).toBe(true);
  expect(await page.locator('#field-x1353-reasons').isVisible()).toBe(false);
  await page.locator('#field-x1353-position-choice-does-not-assign-authority').check();
  expect(await page.locator('#field-x1353-reasons').isVisible()).toBe(true);
  expect(await page.locator('#field-x1353-option').isVisible()).toBe(false);
  await check(page, 'reply form: a choice’s fields shown');

  // ---- Item 7: a partial reply (the procedure lets a State answer some texts now, the others later):
  // X.1353 not assigned, with reasons in the page's language and a PDF; X.1333 Cor.1 assigned; X.1471 waits.
  await page.locator('#field-x1353-reasons').fill(typed.reasons);
  await page
    .locator('#field-x1353-file')
    .setInputFiles({ name: 'reasons-kr.pdf', mimeType: 'application/pdf', buffer: pdf('reasons of Korea') });
  await page.locator('#field-x1333-cor1-position').check();
  await page.locator('#field-x1333-cor1-option').check();
  await page.locator('#field-signatoryName').fill(typed.name);
  await page.locator('#field-signatoryTitle').fill(typed.title);
  await page.locator('#field-signedOn').fill('2023-03-28');
  await page.locator('button[name="action"][value="review"]').click();
  await page.waitForURL(new RegExp(`${form}/review$`));
  expect(await page.locator('#review-partial').innerText()).toBe(t(locale, 'reply.review.partial', { count: 1 }));
  await check(page, 'review of a partial reply');
  await page.locator('form[action$="/reply/submit"] button[type="submit"]').click();
  await page.waitForURL(new RegExp(`${form}/receipt/1\\?notice=reply-submitted$`));
  // Item 9: the time received, in UTC day-month-year and 24-hour, with the reader's time beside it (Zurich).
  expect(await expectUtcTimes(page, locale, 'main time[data-local]', 'Europe/Zurich')).toBeGreaterThan(0);
  await check(page, 'receipt of a partial reply, its times');

  // ---- Item 7: amending, the first text's answer given to every text, in the page's words.
  // Ten minutes later (within the session's idle time).
  world.clock.advance(10 * 60_000);
  await page.goto(form);
  expect(await page.locator('#field-x1353-position-choice-does-not-assign-authority').isChecked()).toBe(true);
  expect(await page.locator('input[name="position-x1471"]:checked').count(), 'X.1471 still unanswered').toBe(0);
  await page.getByRole('button', { name: t(locale, 'reply.fields.same') }).click();
  await expect
    .poll(() => page.locator('.reply-same-status').innerText())
    .toBe(t(locale, 'reply.fields.sameDone', { count: 2 }));
  for (const text of ['x1353', 'x1471']) {
    expect(await page.locator(`#field-${text}-position`).isChecked(), text).toBe(true);
    expect(await page.locator(`#field-${text}-option`).isChecked(), text).toBe(true);
    expect(await page.locator(`#field-${text}-reasons`).isVisible(), text).toBe(false);
  }
  await check(page, 'amending: the same answer for every text');
  // X.1353's reasons and file, typed for "does not assign", now hidden, still go with the form: the
  // procedure refuses them beside "assigns", and its message asks to clear them. The refused field
  // shows, and the error summary leads to it.
  await page.locator('button[name="action"][value="review"]').click();
  await expect.poll(() => errorSummary(page)).not.toBe('');
  await page.locator('.error-summary a[href="#field-x1353-reasons"]').click();
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('field-x1353-reasons');
  expect(await page.locator('#field-x1353-reasons').isVisible(), 'the refused field shows').toBe(true);
  expect(await page.locator('#field-x1353-position').isChecked()).toBe(true);
  await check(page, 'amending: a hidden field refused, shown');
  await page.locator('#field-x1353-reasons').fill('');
  await page.locator('#field-x1353-remove').check();
  await page.locator('button[name="action"][value="review"]').click();
  await page.waitForURL(new RegExp(`${form}/review$`));
  expect(await page.locator('#review-partial').count(), 'every text answered').toBe(0);
  await page.locator('form[action$="/reply/submit"] button[type="submit"]').click();
  await page.waitForURL(new RegExp(`${form}/receipt/2\\?notice=reply-submitted$`));

  for (const w of b.weights) expect(w.bytes, w.url).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
  expect(seen.length).toBeGreaterThanOrEqual(10);
}

/** Not assigning authority to one text, with reasons. */
const dissent = (text: string): ReplyInput => ({
  positions: [{ text, position: 'does_not_assign_authority', reasons: 'The text is not mature.' }],
  signatory: { name: 'B. Official', title: 'Head of Standards' },
});

/**
 * Items 1, 2, 3, 4, 6, 8, 9, 10 and 11 of issue #16, as the secretariat meets them after the
 * deadline: the landing on its circulars, the wide layout of its tables; the replies as CSV and
 * Excel files; a form received on paper recorded with its time zone and scan; a State's reply with
 * two versions, what changed, its file; the comments filtered and printed; the decisions
 * (approved unopposed in one action, a third reservation row) and the results notice's e-mail;
 * an account found by search, its authenticator reset; the audit trail filtered by person,
 * State and days, with names, and as CSV.
 */
export async function secretariatJourney(b: RealBrowser, locale: JourneyLocale): Promise<void> {
  const { world } = b;
  const typed = TYPED[locale];
  const seen: string[] = [];
  const check = async (page: Page, label: string) => seen.push(await checkLocalisedPage(b, page, locale, label));
  const base = `/secretariat/consultations/${ID}`;

  // ---- Set-up through the services: Korea replies twice (the second changes X.1471, with a file),
  // France comments, Germany and Japan do not assign authority to X.1471.
  await world.openConsultation();
  world.clock.advance(60 * 60_000);
  const submit = (state: string, input: ReplyInput) =>
    submitReply(world.ctx, { actor: focalPoint(state), consultationId: ID, memberState: state, input, channel: 'web' });
  await submit('KR', replyInput());
  world.clock.advance(24 * 60 * 60_000);
  const file = await uploadAttachment(world.ctx, {
    actor: focalPoint('KR'),
    filename: 'reasons-kr.pdf',
    content: pdf('reasons of Korea'),
  });
  await submit(
    'KR',
    replyInput(undefined, {
      positions: [
        ...replyInput(['x1333-cor1', 'x1353']).positions,
        {
          text: 'x1471',
          position: 'does_not_assign_authority',
          reasons: 'The reference monitor is not specified.',
          possibleChanges: 'Specify it in clause 7.',
          attachment: file.sha256,
        },
      ],
    }),
  );
  await submit(
    'FR',
    replyInput(undefined, {
      positions: replyInput().positions.map((p) =>
        p.text === 'x1353'
          ? { ...p, option: 'comments_attached' as const, comments: 'Editorial comments on clause 6.' }
          : p,
      ),
    }),
  );
  await submit('DE', dissent('x1471'));
  await submit('JP', dissent('x1471'));
  await enrolledAccount(b, { email: 'kim@msit.kr.test', name: 'Kim Min-jun', memberState: 'KR' });
  const adminSeed = await enrolledAccount(b, {
    email: 'officer@tsb.itu.test',
    name: 'TSB Officer',
    role: 'secretariat_admin',
  });
  // Kim reads e-mails in the page's language.
  await world.ctx.db.updateTable('account').set({ language: locale }).where('email', '=', 'kim@msit.kr.test').execute();
  await deliverMail(world.ctx);

  // The deadline (16 August) has passed; the meeting (29 August – 8 September) is under way.
  world.clock.set('2023-08-30T09:00:00Z');
  const { page } = await b.newPerson({ locale: browserLocale(locale) });
  page.on('dialog', (dialog) => void dialog.accept());
  // A desktop screen: the wide tables take more of it.
  await page.setViewportSize({ width: 1680, height: 1000 });

  // ---- Item 6: the secretariat lands on its circulars. Item 11: their table takes a large screen.
  await signInInLocale(b, page, locale, 'officer@tsb.itu.test', adminSeed);
  expect(new URL(page.url()).pathname).toBe(`/${locale}/secretariat`);
  expect(await page.locator(`main a[href="/${locale}${base}/replies"]`).count()).toBeGreaterThan(0);
  const mainWidth = () => page.locator('main').evaluate((main) => main.getBoundingClientRect().width);
  const wide = await mainWidth();
  await check(page, 'landing: the circulars');
  await visit(page, locale, '/account');
  const narrow = await mainWidth();
  expect(narrow, 'a page of text keeps its measure').toBeLessThanOrEqual(64 * 16 + 1);
  expect(wide, 'a page of wide tables takes more of a large screen').toBeGreaterThan(narrow + 300);

  // ---- Item 3: the replies and who has not replied, as CSV and Excel files, in the page's language.
  await visit(page, locale, `${base}/replies`);
  await check(page, 'replies dashboard, with its downloads');
  const download = page.waitForEvent('download');
  await page.locator('#downloads a[href$="/replies?format=csv"]').click();
  expect((await download).suggestedFilename()).toMatch(/\.csv$/);
  const replies = await expectCsv(await follow(page, await hrefOf(page, '#downloads a[href$="/replies?format=csv"]')));
  expect(replies).toContain(designation('KR', locale));
  const notReplied = await expectCsv(await follow(page, await hrefOf(page, '#downloads a[href*="rows=not-replied"]')));
  expect(notReplied).toContain(designation('BR', locale));
  expect(notReplied).not.toContain(designation('KR', locale));
  const workbook = await follow(page, await hrefOf(page, '#downloads a[href$="format=xlsx"]'));
  const sheets = readXlsx(await workbook.body());
  expect(sheets[0]!.rightToLeft, 'the workbook reads in the page’s direction').toBe(locale === 'ar');
  expect(sheets[0]!.rows.flat()).toContain(designation('FR', locale));

  // ---- Item 9: a form received on paper, its time typed as read in Geneva (UTC+02:00 in August) and stored in UTC.
  await visit(page, locale, `${base}/replies/record`);
  expect(await page.locator('#field-receivedZone').inputValue(), 'the zone defaults to UTC').toBe('Z');
  await page.locator('#field-memberState').selectOption('BR');
  await page.locator('#field-receivedAt').fill('2023-08-15T12:00');
  await page.locator('#field-receivedZone').selectOption('+02:00');
  await page.locator('input[name="channel"][value="paper"]').check();
  for (const text of ['x1333-cor1', 'x1353']) {
    await page.locator(`#field-${text}-position`).check();
    await page.locator(`#field-${text}-option`).check();
  }
  await page.locator('#field-signatoryName').fill('C. Ministro');
  await page.locator('#field-signatoryTitle').fill('Secretary of Telecommunications');
  await page
    .locator('#field-scan')
    .setInputFiles({ name: 'brazil-reply.pdf', mimeType: 'application/pdf', buffer: pdf('scan of Brazil') });
  await check(page, 'record a paper reply, filled in');
  await page.locator('form[action$="/replies/record"] button[type="submit"]').last().click();
  await page.waitForURL(/notice=outcome-recorded$/);
  const received = formatUtc(locale, Date.parse('2023-08-15T10:00:00Z'));
  expect(received).toMatch(INSTANT[locale]);
  expect(await page.locator('#state-BR').innerText()).toContain(received);

  // ---- Item 1: a State's reply: two versions, what changed, the file and where it came from.
  await visit(page, locale, `${base}/replies/KR`);
  expect(await page.locator('section[id^="version-"]').count()).toBe(2);
  const latest = page.locator('#version-2');
  expect(await latest.locator('.outcome-tag-warn').count(), 'the changed fields are marked').toBeGreaterThanOrEqual(2);
  expect(await latest.locator('.comment-meta').innerText()).toContain('X.1471');
  expect(await latest.innerText()).toContain('The reference monitor is not specified.');
  const attachment = await follow(page, await hrefOf(page, `#version-2 a[href$="/secretariat/files/${file.sha256}"]`));
  expect(attachment.headers()['content-type']).toMatch(/^application\/pdf/);
  await expectUtcTimes(page, locale, '#version-2 time[data-local]', 'Europe/Zurich');
  await check(page, 'a State’s reply, two versions compared');
  await visit(page, locale, `${base}/replies/BR`);
  const scan = await follow(page, await hrefOf(page, '#version-1 a[href*="/secretariat/files/"]'));
  expect((await scan.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await check(page, 'a State’s reply received on paper, with its scan');

  // ---- Item 2: the comments, filtered by position and State; printable.
  await visit(page, locale, `${base}/comments`);
  const entries = page.locator('article.comment-entry');
  const all = await entries.count();
  const against = await page
    .locator('select[name="position"] option')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).find((v) => /not/.test(v)));
  await page.locator('select[name="text"]').selectOption('x1471');
  await page.locator('select[name="position"]').selectOption(against!);
  await page.locator('select[name="state"]').selectOption('KR');
  await page.locator('select[name="state"]').evaluate((select) => (select as HTMLSelectElement).form!.requestSubmit());
  await page.waitForURL(/state=KR/);
  await expect.poll(() => entries.count()).toBe(1);
  expect(await page.locator('section.comment-text').count(), 'one text').toBe(1);
  expect(all).toBeGreaterThan(1);
  expect(await entries.first().innerText()).toContain('The reference monitor is not specified.');
  await check(page, 'comments, filtered');
  await page.emulateMedia({ media: 'print' });
  expect(await page.locator('main form').first().isVisible(), 'printed without the filters').toBe(false);
  expect(await entries.first().isVisible()).toBe(true);
  await page.emulateMedia({ media: 'screen' });

  // ---- Item 3: the results as files too.
  await visit(page, locale, `${base}/results`);
  await expectCsv(await follow(page, await hrefOf(page, '#downloads a[href$="format=csv"]')));

  // ---- Item 8: X.1333 Cor.1 approved unopposed in one action; X.1353 with a third reservation row.
  await visit(page, locale, `${base}/decisions`);
  expect(await page.getByRole('combobox').count(), 'the State pickers are search boxes').toBeGreaterThan(0);
  // Without a script the pickers are the selects they stand for.
  {
    const plain = await withoutScript(b, locale, page);
    await plain.page.setViewportSize({ width: 1680, height: 1000 });
    await visit(plain.page, locale, `${base}/decisions`);
    expect(await plain.page.locator('#field-x1353-opposing').isVisible()).toBe(true);
    expect(await plain.page.locator('#field-x1353-opposing').evaluate((s) => (s as HTMLSelectElement).multiple)).toBe(
      true,
    );
    expect(await plain.page.locator('#field-x1353-opposing-search').count()).toBe(0);
    await check(plain.page, 'decisions without a script');
    await plain.context.close();
  }
  await page.locator('#unopposed-x1333-cor1 button[type="submit"]').click();
  await page.waitForURL(/notice=outcome-decision-recorded/);
  expect(await page.locator('#unopposed-x1333-cor1').count()).toBe(0);
  expect(await page.locator('dl#decision-x1333-cor1').count()).toBe(1);
  await page.locator('#field-x1353-res-0-state').fill('US');
  await page.locator('#field-x1353-res-0-note').fill(typed.reservation);
  await page.locator('#field-x1353-res-1-state').fill('JP');
  await page.locator('#field-x1353-res-1-note').fill(typed.reservation);
  await page.locator('#form-x1353 button[name="addReservation"]').click();
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('field-x1353-res-2-state');
  expect(await page.locator('#field-x1353-res-1-state').inputValue()).toBe('JP');
  expect(await page.locator('p#decision-x1353').count(), 'nothing saved yet').toBe(1);
  await page.locator('#field-x1353-res-2-state').fill('FR');
  await page.locator('#field-x1353-res-2-note').fill(typed.reservation);
  await check(page, 'decisions, a third reservation row');
  await page.locator('#form-x1353 button[type="submit"]:not([name])').click();
  await page.waitForURL(/notice=outcome-decision-recorded/);
  const x1353 = await page.locator('#decision-x1353').innerText();
  for (const state of ['US', 'JP', 'FR']) expect(x1353).toContain(designation(state, locale));

  // ---- Item 4: the results notice's e-mail, read before it is issued.
  await page.locator('#mail-results summary').click();
  expect(await page.locator('#mail-results pre').innerText()).toContain('X.1353');
  await check(page, 'decisions, the results notice’s e-mail previewed');

  // ---- Item 10: an account found by search; its lost authenticator reset by the administrator.
  await visit(page, locale, '/secretariat/accounts');
  await page.locator('#field-q').fill('kim');
  await page.locator('#field-q').press('Enter');
  await page.waitForURL(/\?q=kim/);
  await expect.poll(() => page.locator('table.sec-accounts tbody tr').count()).toBe(1);
  expect(await page.locator('#accounts-shown').isVisible()).toBe(true);
  await check(page, 'accounts, searched');
  await page.locator('table.sec-accounts a[href$="/authenticator-reset"]').click();
  await page.waitForURL(/\/authenticator-reset$/);
  await check(page, 'reset an authenticator');
  await page.locator('main form button[type="submit"]').click();
  await expect.poll(() => errorSummary(page)).not.toBe('');
  await check(page, 'reset an authenticator, with errors');
  await page.locator('#field-reason').fill(typed.resetReason);
  await page.locator('main form button[type="submit"]').click();
  await page.waitForURL(/\/secretariat\/accounts\?notice=sec-authenticator-reset$/);
  await check(page, 'accounts after the reset');
  // Kim's link to set up a new authenticator comes in Kim's language.
  const resetMail = (await deliverMail(world.ctx)).find((mail) => mail.to.includes('kim@msit.kr.test'));
  const resetLink = /https:\/\/assent\.test(\/[a-z]{2}\/invitations\/[A-Za-z0-9_-]+)/.exec(resetMail?.text ?? '')?.[1];
  expect(resetLink?.startsWith(`/${locale}/invitations/`)).toBe(true);
  const kim = await b.newPerson({ locale: browserLocale(locale) });
  await kim.page.goto(resetLink!);
  seen.push(await checkLocalisedPage(b, kim.page, locale, 'the authenticator link'));

  // ---- Item 10: the audit trail by person, Member State and days, with names; and as CSV with those filters.
  await visit(page, locale, '/secretariat/audit');
  const officer = await page
    .locator('#field-who option')
    .evaluateAll((options) => options.find((o) => o.textContent?.includes('TSB Officer'))?.getAttribute('value'));
  expect(officer, 'the administrator among the people who acted').toBeTruthy();
  await page.locator('#field-who').selectOption(officer!);
  // The closed select shows the chosen person from the name on (in an Arabic page too: the
  // option's own direction), not the end of the account's id.
  expect(
    await page.locator('#field-who').evaluate((select) => {
      const chosen = (select as HTMLSelectElement).selectedOptions[0]!;
      return getComputedStyle(chosen).direction;
    }),
  ).toBe('ltr');
  await page.locator('#field-state').selectOption('BR');
  expect(await page.locator('#field-from').getAttribute('type')).toBe('date');
  await page.locator('#field-from').fill('2023-08-30');
  await page.locator('#field-to').fill('2023-08-30');
  await page.locator('#field-to').press('Enter');
  await page.waitForURL(/state=BR/);
  const rows = page.locator('table.sec-audit tbody tr');
  await expect.poll(() => rows.count()).toBeGreaterThan(0);
  for (const row of await rows.all()) {
    // The person by name first (the account's id after it, as the trail records it).
    expect(await row.locator('td').nth(1).innerText(), 'the person, by name').toMatch(/^TSB Officer/);
  }
  await check(page, 'audit trail, filtered');
  const auditCsvHref = await hrefOf(page, '#audit-downloads a[href*="format=csv"]');
  expect(auditCsvHref).toContain('state=BR');
  const auditCsv = await expectCsv(await follow(page, auditCsvHref));
  expect(auditCsv.trim().split('\r\n').length).toBe((await rows.count()) + 1);

  for (const w of b.weights) expect(w.bytes, w.url).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
  expect(seen.length).toBeGreaterThanOrEqual(14);
}
