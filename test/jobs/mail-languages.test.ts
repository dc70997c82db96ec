import { describe, expect, it } from 'vitest';
import { findReplyVersion } from '../../src/repositories/reply.repository.js';
import { evaluateConsultation } from '../../src/services/compute-results.js';
import { getConsultation } from '../../src/services/get-consultation.js';
import {
  invitationMail,
  issueNotice,
  receiptMail,
  reminderMail,
  resultsMail,
  type MailText,
} from '../../src/services/jobs/mail-messages.js';
import { recordDecision } from '../../src/services/record-decision.js';
import { submitReply } from '../../src/services/submit-reply.js';
import { LOCALES, type Locale } from '../../src/i18n/i18n.js';
import { enteredInWorld, untranslated } from '../helpers/untranslated.js';
import { SECRETARIAT, focalPoint, replyInput, useWorld } from '../helpers/world.js';

/**
 * Every e-mail Assent sends, rendered in each of the six languages from a consultation with a
 * reply, a recorded paper form, a meeting decision with a reservation and a request for more
 * time: an official reads values in their own language, never an ISO timestamp, a channel code or
 * a country code (issue 20).
 */
const BASE_URL = 'https://assent.test';

/** The deadline of Circular 79 in each language's style; English keeps the circular's "2359 hours UTC". */
const DEADLINES: Record<Locale, string> = {
  en: '2359 hours UTC on 16 August 2023',
  fr: '16 août 2023 à 23\u00a0h\u00a059 UTC',
  es: '16 de agosto de 2023 a las 23.59 horas UTC',
  ru: '23:59 UTC 16 августа 2023 г.',
  zh: '2023年8月16日UTC时间23:59',
  ar: 'الساعة 23:59 بالتوقيت العالمي المنسق (UTC) يوم 16 أغسطس 2023',
};

/** The channel of a paper form as each language says it (the catalogue's words, not `paper`). */
const PAPER: Record<Locale, RegExp> = {
  en: /Channel: paper \(post or hand delivery\)/,
  fr: /Canal\u00a0: papier \(courrier postal/,
  es: /Canal: papel \(correo postal/,
  ru: /Канал: бумажный документ \(по почте/,
  zh: /渠道：纸质（邮寄/,
  ar: /القناة: ورقياً \(بالبريد/,
};

describe('e-mails in the six languages', () => {
  const world = useWorld('sqlite');

  it('write every date, time, channel and State in the reader’s language, and the deadline in its style', async () => {
    const { ctx, clock } = world();
    const id = await world().openConsultation();
    await submitReply(ctx, {
      actor: focalPoint('KR'),
      consultationId: id,
      memberState: 'KR',
      input: replyInput(),
      channel: 'api',
    });
    const version = (await findReplyVersion(ctx.db, id, 'KR', 1))!;
    const paper = { ...version, channel: 'paper' as const };
    clock.set('2023-09-08T12:00:00Z');
    await recordDecision(ctx, {
      actor: SECRETARIAT,
      consultationId: id,
      textId: 'x1333-cor1',
      input: { reservations: [{ state: 'FR', note: 'Clause 7.' }] },
    });
    await recordDecision(ctx, { actor: SECRETARIAT, consultationId: id, textId: 'x1353', input: { moreTime: ['DE'] } });
    const { loaded } = await getConsultation(ctx, { actor: SECRETARIAT, consultationId: id });
    const results = await evaluateConsultation(ctx.db, loaded, clock.now());
    const { consultation: c, texts } = loaded;

    for (const locale of LOCALES) {
      const mails: Record<string, MailText> = {
        issue: issueNotice(locale, c, texts, 'focal_point', BASE_URL),
        copy: issueNotice(locale, c, texts, 'observer', BASE_URL),
        receipt: receiptMail(locale, c, texts, paper, 'Korea', BASE_URL),
        reminder: reminderMail(locale, c, texts, 'Korea', 7, BASE_URL),
        results: resultsMail(locale, c, results.texts, BASE_URL),
        invitation: invitationMail(
          locale,
          'Kim',
          'focal_point',
          'KR',
          `${BASE_URL}/x`,
          Date.parse('2023-04-04T08:00:00Z'),
        ),
      };
      for (const [name, mail] of Object.entries(mails))
        expect(
          untranslated(`${mail.subject}\n${mail.text}`, locale, [...enteredInWorld(), 'Kim']),
          `${locale} ${name}`,
        ).toEqual([]);
      for (const name of ['issue', 'copy', 'receipt', 'reminder'])
        expect(mails[name]!.text, `${locale} ${name}`).toContain(DEADLINES[locale]);
      expect(mails.receipt!.text, locale).toMatch(PAPER[locale]);
      // The study group as each language names it in a sentence, in the receipt's positions and the results.
      const body = {
        en: 'SG17',
        fr: 'la Commission d’études 17',
        es: 'la Comisión de Estudio 17',
        ru: 'ИК17',
        zh: '第17研究组',
        ar: 'لجنة الدراسات 17',
      }[locale];
      expect(mails.receipt!.text, locale).toContain(body);
      expect(mails.results!.subject, locale).toContain(body);
      expect(mails.issue!.text, locale).toContain(body);
      if (locale !== 'en')
        expect(`${mails.receipt!.text}${mails.issue!.text}${mails.results!.text}`, locale).not.toContain('SG17');
      // The meeting's days, the end of the more-time window and the reserving State, in words.
      expect(mails.results!.text, locale).toMatch(locale === 'en' ? /29 August 2023 to 8 September 2023/ : /2023/);
      expect(mails.results!.text, locale).toMatch(
        { en: /France/, fr: /France/, es: /Francia/, ru: /Франци/, zh: /法国/, ar: /فرنسا/ }[locale],
      );
      expect(mails.invitation!.text, locale).toMatch(
        { en: /Korea/, fr: /Corée/, es: /Corea/, ru: /Коре/, zh: /大韩民国/, ar: /كوريا/ }[locale],
      );
    }
    // Each line of the receipt and the results joins a text and what it says as the language punctuates it.
    expect(receiptMail('zh', c, texts, paper, 'Korea', BASE_URL).text).toContain('- X.1353：授权第17研究组');
    expect(resultsMail('fr', c, results.texts, BASE_URL).text).toContain('- X.1333 Cor.1\u00a0: ');
    // English as the circular writes it; the receipt's instant to the second, the window's end to the minute.
    expect(receiptMail('en', c, texts, paper, 'Korea', BASE_URL).text).toContain(
      'Received: 28 March 2023 at 08:00:00 UTC',
    );
    // TAP's request names the study group once, in each language's words.
    for (const locale of ['fr', 'es'] as const)
      expect(issueNotice(locale, c, texts, 'focal_point', BASE_URL).text, locale).not.toMatch(
        /(Commission d’études|Comisión de Estudio) la/,
      );
    expect(issueNotice('en', c, texts, 'focal_point', BASE_URL).text).toContain(DEADLINES.en);
    expect(resultsMail('en', c, results.texts, BASE_URL).text).toContain('6 October 2023');
    expect(resultsMail('fr', c, results.texts, BASE_URL).text).toContain('6 octobre 2023');
  });

  it("take the circular's own fields and the titles in the reader's language where translated, the record's elsewhere", async () => {
    const id = await world().openConsultation({
      translations: {
        fr: {
          subject: 'Consultation des États Membres sur des projets de Recommandation déterminés',
          reference: 'Circulaire TSB 79',
          meetingPlace: 'Goyang (Corée)',
          notes: ['NOTE 2 DU TSB – Aucune déclaration de DPI reçue.'],
        },
      },
    });
    const { loaded } = await getConsultation(world().ctx, { actor: SECRETARIAT, consultationId: id });
    const { consultation: c, texts } = loaded;
    const french = issueNotice('fr', c, texts, 'focal_point', BASE_URL);
    expect(french.subject).toContain('Circulaire TSB 79');
    expect(french.text.split('\n')[0]).toBe(
      'Consultation des États Membres sur des projets de Recommandation déterminés',
    );
    expect(french.text).toContain('Goyang (Corée)');
    expect(french.text).toContain('NOTE 2 DU TSB – Aucune déclaration de DPI reçue.');
    expect(french.text).not.toMatch(/TSB Circular 79|Goyang, Korea|TSB NOTE 2/);
    expect(reminderMail('fr', c, texts, 'Corée', 7, BASE_URL).subject).toContain('Circulaire TSB 79');
    // Spanish has no translation: the record, as entered.
    const spanish = issueNotice('es', c, texts, 'focal_point', BASE_URL);
    expect(spanish.subject).toContain('TSB Circular 79');
    expect(spanish.text).toContain('Goyang, Korea');
  });
});
