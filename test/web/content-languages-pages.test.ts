import { describe, expect, it } from 'vitest';
import type { AccountRole } from '../../src/db/database.js';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { isolateText, LtrWithin } from '../../src/http/web/components/bidi.js';
import {
  languageAttributes,
  presentContent,
  presentContentNotice,
} from '../../src/http/web/presenters/content.presenter.js';
import type { ConsultationInput } from '../../src/schemas/consultation.schema.js';
import { createConsultation } from '../../src/services/create-consultation.js';
import { getConsultation } from '../../src/services/get-consultation.js';
import { submitReply } from '../../src/services/submit-reply.js';
import { describeEachDialect } from '../helpers/databases.js';
import { consultationInput, focalPoint, replyInput, SECRETARIAT } from '../helpers/world.js';
import { csrfOf, decode, expectSeeOther, useWeb, type Browser } from './web-harness.js';

/**
 * A circular's content in several languages on the pages (issue #8 items 4 and 6): the subject,
 * titles and summaries in the page's language where translated, else in the language of record
 * marked with its `lang` (and `dir`), one notice per page naming what is not yet translated; Latin
 * snippets isolated for right-to-left pages; the secretariat's forms for the language of record
 * and the translations.
 */

/** What a reader reads: tags dropped (bidi isolation is inline: no space), entities decoded, spaces collapsed. */
function readable(html: string): string {
  return decode(
    html
      .replace(/<script[\s\S]*?<\/script>/g, '')
      .replace(/<\/?bdi[^>]*>/g, '')
      .replace(/<[^>]+>/g, ' '),
  ).replace(/\s+/g, ' ');
}

/** The opening tag of the (first) element holding exactly `text`. */
function tagHolding(html: string, text: string): string {
  const at = html.indexOf(`>${text}<`);
  if (at < 0) throw new Error(`No element holds "${text}"`);
  return html.slice(html.lastIndexOf('<', at), at + 1);
}

/** The number of content notices of a page. */
const noticesOf = (html: string) => html.match(/class="content-notice"/g)?.length ?? 0;

/** The text of the page's content notice. */
function noticeText(html: string): string {
  const match = /<div class="content-notice"[^>]*>([\s\S]*?)<\/div>/.exec(html);
  if (!match) throw new Error('No content notice');
  return readable(match[1]!).trim();
}

/** Circular 79 written in French, with the subject and the title of X.1353 translated into English. */
function frenchRecord(overrides: Partial<ConsultationInput> = {}): ConsultationInput {
  return consultationInput({
    languageOfRecord: 'fr',
    subject: 'Consultation des États Membres sur des projets de Recommandation déterminés',
    translations: { en: { subject: 'Member State consultation on determined draft Recommendations' } },
    addressees: ['Administrations des États Membres de l’Union'],
    notes: ['NOTE du TSB – Aucune déclaration de DPI reçue.'],
    texts: [
      { kind: 'corrigendum', designation: 'X.1333 Cor.1', title: 'Outils d’accès à distance', location: 'R34' },
      {
        kind: 'new',
        designation: 'X.1353',
        workItem: 'X.ztd-iot',
        title: 'Déploiement sans intervention',
        summary: 'Un résumé en français.',
        location: 'R35',
        translations: { en: { title: 'Zero-touch deployment' } },
      },
      {
        kind: 'new',
        designation: 'X.1471',
        workItem: 'X.websec-7',
        title: 'Moniteur de référence',
        summary: 'Un autre résumé.',
        location: 'R36',
      },
    ],
    ...overrides,
  });
}

/** Circular 79 in English with everything translated into French and Arabic. */
function translatedEverywhere(): ConsultationInput {
  return consultationInput({
    translations: {
      fr: {
        subject: 'Consultation des États Membres sur des projets de Recommandation déterminés',
        reference: 'Circulaire TSB 79',
        meetingPlace: 'Goyang (Corée)',
        collectiveLetter: 'Lettre collective 5/17',
        addressees: ['Administrations des Etats Membres de l’Union'],
        copies: ['Membres du Secteur UIT-T'],
        notes: ['NOTE 2 DU TSB – Aucune déclaration de DPI reçue.'],
      },
      ar: {
        subject: 'مشاورة الدول الأعضاء بشأن مشاريع التوصيات المحددة',
        reference: 'الرسالة المعممة 79 لمكتب تقييس الاتصالات',
        meetingPlace: 'غويانغ، كوريا',
        collectiveLetter: 'الرسالة الجماعية 5/17',
        addressees: ['إدارات الدول الأعضاء في الاتحاد'],
        copies: ['أعضاء قطاع تقييس الاتصالات'],
        notes: ['الملاحظة 2 لمكتب تقييس الاتصالات – لم يرد أي بيان بشأن حقوق الملكية الفكرية.'],
      },
    },
    texts: [
      {
        kind: 'corrigendum',
        designation: 'X.1333 Cor.1',
        title: 'Remote access tools',
        location: 'R34',
        translations: { fr: { title: 'Outils d’accès à distance' }, ar: { title: 'أدوات النفاذ عن بُعد' } },
      },
      {
        kind: 'new',
        designation: 'X.1353',
        workItem: 'X.ztd-iot',
        title: 'Zero-touch deployment',
        summary: 'A summary.',
        location: 'R35',
        translations: {
          fr: { title: 'Déploiement sans intervention', summary: 'Un résumé.' },
          ar: { title: 'النشر دون تدخل', summary: 'ملخص.' },
        },
      },
      {
        kind: 'new',
        designation: 'X.1471',
        workItem: 'X.websec-7',
        title: 'Reference monitor',
        summary: 'A summary.',
        location: 'R36',
        translations: {
          fr: { title: 'Moniteur de référence', summary: 'Un autre résumé.' },
          ar: { title: 'مرصد مرجعي', summary: 'ملخص آخر.' },
        },
      },
    ],
  });
}

describe('content in several languages, as the presenters give it', () => {
  const consultation = {
    reference: 'TSB Circular 79',
    meeting: { place: 'Genève', firstDay: '2023-08-29', lastDay: '2023-09-08', collectiveLetter: null },
    addressees: ['Administrations des Etats Membres de l’Union'],
    copies: [],
    notes: [],
    subject: 'Sujet',
    languageOfRecord: 'fr' as const,
    translations: { en: { subject: 'Subject', meetingPlace: 'Geneva' } },
  };
  const texts = [
    { id: 'a', designation: 'X.1', title: 'Titre A', summary: null, translations: {} },
    { id: 'b', designation: 'X.2', title: 'Titre B', summary: 'Résumé B', translations: { en: { title: 'Title B' } } },
    { id: 'c', designation: 'X.3', title: 'Titre C', summary: 'Résumé C', translations: {} },
  ];

  it('marks only what is not in the page language, with dir only where the direction changes', () => {
    expect(languageAttributes('en', 'en')).toEqual({ lang: undefined, dir: undefined });
    expect(languageAttributes('en', 'fr')).toEqual({ lang: 'fr', dir: undefined });
    expect(languageAttributes('en', 'ar')).toEqual({ lang: 'ar', dir: 'rtl' });
    expect(languageAttributes('ar', 'en')).toEqual({ lang: 'en', dir: 'ltr' });
    const content = presentContent('en', consultation, texts);
    expect(content.subject).toEqual({ value: 'Subject', lang: undefined, dir: undefined });
    expect(content.texts.a!.title).toEqual({ value: 'Titre A', lang: 'fr', dir: undefined });
    expect(content.texts.b!.title).toEqual({ value: 'Title B', lang: undefined, dir: undefined });
    expect(content.texts.a!.summary).toBeNull();
    expect(content.record).toEqual({ lang: 'fr', dir: undefined });
  });

  it('names each field not yet translated, grouping whole sets, and only what the page shows', () => {
    const english = presentContent('en', consultation, texts);
    // Titles of A and C fell back; the summaries of B and C (all that exist) too.
    expect(presentContentNotice([english], { subject: true, titles: true, summaries: true })).toEqual({
      language: 'en',
      groups: [
        {
          languageOfRecord: 'fr',
          items: [
            { kind: 'allSummaries' },
            { kind: 'title', designation: 'X.1' },
            { kind: 'title', designation: 'X.3' },
          ],
        },
      ],
    });
    expect(presentContentNotice([english], { subject: true, titles: false, summaries: false })).toBeNull();
    const spanish = presentContent('es', consultation, texts);
    expect(presentContentNotice([spanish], { subject: true, titles: true, summaries: true })!.groups[0]!.items).toEqual(
      [{ kind: 'subject' }, { kind: 'allTitlesAndSummaries' }],
    );
    // A list of consultations names each subject by its reference, or all of them together.
    const other = presentContent('es', { ...consultation, reference: 'TSB Circular 80' }, []);
    expect(
      presentContentNotice([spanish, other], { subject: true, titles: false, summaries: false })!.groups[0]!.items,
    ).toEqual([{ kind: 'allSubjects' }]);
    expect(
      presentContentNotice([english, other], { subject: true, titles: false, summaries: false })!.groups[0]!.items,
    ).toEqual([{ kind: 'subjectOf', reference: 'TSB Circular 80' }]);
    expect(
      presentContentNotice([other], { subject: true, titles: false, summaries: false, list: true })!.groups[0]!.items,
    ).toEqual([{ kind: 'subjectOf', reference: 'TSB Circular 80' }]);
    // The circular's own page also names its other fields that fell back, in the order of the circular.
    const circular = { subject: true, titles: false, summaries: false, circular: true };
    // None of them translated (no collective letter, no copies, no notes to translate): named together.
    expect(presentContentNotice([presentContent('es', consultation, [])], circular)!.groups[0]!.items).toEqual([
      { kind: 'subject' },
      { kind: 'allCircularFields' },
    ]);
    const inEnglish = presentContent('en', consultation, []);
    expect(inEnglish.circular.meetingPlace).toEqual({ value: 'Geneva', lang: undefined, dir: undefined });
    expect(inEnglish.circular.addressees).toEqual({ entries: consultation.addressees, lang: 'fr', dir: undefined });
    expect(presentContentNotice([inEnglish], circular)!.groups[0]!.items).toEqual([
      { kind: 'circularField', field: 'reference' },
      { kind: 'circularField', field: 'addressees' },
    ]);
    // French is the language of record: nothing is missing in French.
    expect(
      presentContentNotice([presentContent('fr', consultation, texts)], {
        subject: true,
        titles: true,
        summaries: true,
      }),
    ).toBeNull();
  });
});

describe('bidi isolation of Latin snippets', () => {
  const html = (text: string, ltr: string[], auto: string[] = []) =>
    renderToString(h('p', null, LtrWithin({ text, ltr, auto })));

  it('isolates each snippet as it is in a left-to-right sentence', () => {
    expect(html('Draft new Recommendation ITU-T X.1353 (X.ztd-iot)', ['X.1353', 'X.ztd-iot'])).toBe(
      '<p>Draft new Recommendation ITU-T <bdi dir="ltr">X.1353</bdi> (<bdi dir="ltr">X.ztd-iot</bdi>)</p>',
    );
    expect(html('The file “a b.pdf” is kept', [], ['a b.pdf'])).toBe('<p>The file “<bdi>a b.pdf</bdi>” is kept</p>');
    expect(isolateText('Reply of Korea to TSB Circular 79', ['TSB Circular 79'])).toBe(
      'Reply of Korea to TSB Circular 79',
    );
  });

  it('isolates the whole Latin phrase of a right-to-left sentence, leaving it its punctuation, quotes and unbalanced brackets', () => {
    expect(html('مشروع التوصية الجديدة ITU-T X.1353 (X.ztd-iot)', ['X.1353', 'X.ztd-iot'])).toBe(
      '<p>مشروع التوصية الجديدة <bdi dir="ltr">ITU-T X.1353 (X.ztd-iot)</bdi></p>',
    );
    expect(
      html('يرد كل بلد (WTSA Resolution 1 (Rev. Geneva, 2022) §9.4.1). وترد', [
        'WTSA Resolution 1 (Rev. Geneva, 2022) §9.4.1',
      ]),
    ).toBe('<p>يرد كل بلد <bdi dir="ltr">(WTSA Resolution 1 (Rev. Geneva, 2022) §9.4.1)</bdi>. وترد</p>');
    expect(html('(انظر X.1353)', ['X.1353'])).toBe('<p>(انظر <bdi dir="ltr">X.1353</bdi>)</p>');
    expect(html('الملف «reasons.pdf» محفوظ', [], ['reasons.pdf'])).toBe('<p>الملف «<bdi>reasons.pdf</bdi>» محفوظ</p>');
    // Text that cannot hold elements (a page's title) gets Unicode's isolates instead.
    expect(isolateText('رد كوريا على TSB Circular 79', ['TSB Circular 79'])).toBe(
      'رد كوريا على \u2066TSB Circular 79\u2069',
    );
  });
});

describeEachDialect('content languages on the pages', (dialect) => {
  const web = useWeb(dialect);

  async function signedIn(role: AccountRole, memberState?: string): Promise<Browser> {
    const { invitationPath } = await web().invite({ role, ...(memberState !== undefined && { memberState }) });
    const browser = web().browser();
    await web().enrol(browser, invitationPath);
    return browser;
  }

  describe('the public pages', () => {
    it('shows a circular written in French to an English reader in French where not translated, marked lang="fr", with one notice', async () => {
      const id = await web().world.openConsultation(frenchRecord());
      const page = await web().browser().get(`/en/consultations/${id}`);
      expect(page.statusCode).toBe(200);
      const html = page.body;
      // The subject is translated: English, unmarked.
      expect(tagHolding(html, 'Member State consultation on determined draft Recommendations')).toBe(
        '<p class="lead">',
      );
      // Titles and summaries without an English translation: French, marked.
      expect(tagHolding(html, 'Outils d’accès à distance')).toBe('<p lang="fr" class="text-title">');
      expect(tagHolding(html, 'Zero-touch deployment')).toBe('<p class="text-title">');
      expect(html).toContain('<div class="text-summary" lang="fr"><p>Un résumé en français.</p></div>');
      // Written once, in the language of record.
      expect(html).toContain('<p class="tsb-note" lang="fr">NOTE du TSB – Aucune déclaration de DPI reçue.</p>');
      expect(html).toContain(
        '<ul class="plain-list" lang="fr"><li>Administrations des États Membres de l’Union</li></ul>',
      );
      // One notice for the page, naming each field shown in French.
      expect(noticesOf(html)).toBe(1);
      expect(noticeText(html)).toBe(
        'Not yet available in English; shown in French: the other details of the circular, the summaries of the texts, the title of X.1333 Cor.1, and the title of X.1471.',
      );
      expect(html).toContain('the title of <bdi dir="ltr">X.1333 Cor.1</bdi>');
    });

    it('marks the untranslated subjects of the home page and names them in one notice', async () => {
      const translated = await web().world.openConsultation(frenchRecord());
      const untranslated = await web().world.openConsultation(
        frenchRecord({ number: 81, reference: 'TSB Circular 81', translations: {}, subject: 'Une autre consultation' }),
      );
      const html = (await web().browser().get('/en/')).body;
      expect(html).toContain(`href="/en/consultations/${translated}"`);
      expect(html).toContain(`href="/en/consultations/${untranslated}"`);
      expect(tagHolding(html, 'Une autre consultation')).toBe('<p lang="fr" class="consultation-subject">');
      expect(tagHolding(html, 'Member State consultation on determined draft Recommendations')).toBe(
        '<p class="consultation-subject">',
      );
      expect(noticesOf(html)).toBe(1);
      expect(noticeText(html)).toBe('Not yet available in English; shown in French: the subject of TSB Circular 81.');
    });

    it('shows the results with the titles in the language they are in, naming only the titles in the notice', async () => {
      const { ctx, clock } = web().world;
      const id = await web().world.openConsultation(frenchRecord({ individualRepliesPublic: false }));
      await submitReply(ctx, {
        actor: focalPoint('KR'),
        consultationId: id,
        memberState: 'KR',
        input: replyInput(),
        channel: 'api',
      });
      clock.set('2023-08-17T00:00:00Z');
      const html = (await web().browser().get(`/en/consultations/${id}/results`)).body;
      expect(tagHolding(html, 'Moniteur de référence')).toBe('<p lang="fr" class="text-title">');
      expect(tagHolding(html, 'Zero-touch deployment')).toBe('<p class="text-title">');
      expect(noticesOf(html)).toBe(1);
      // The results page shows no summaries: the notice names the titles only.
      expect(noticeText(html)).toBe(
        'Not yet available in English; shown in French: the title of X.1333 Cor.1 and the title of X.1471.',
      );
    });

    it('shows the French translations at /fr/, unmarked and without a notice when everything is translated', async () => {
      const id = await web().world.openConsultation(translatedEverywhere());
      const page = await web().browser().get(`/fr/consultations/${id}`);
      expect(page.statusCode).toBe(200);
      const html = page.body;
      expect(html).toContain('<html lang="fr" dir="ltr">');
      expect(tagHolding(html, 'Consultation des États Membres sur des projets de Recommandation déterminés')).toBe(
        '<p class="lead">',
      );
      expect(tagHolding(html, 'Déploiement sans intervention')).toBe('<p class="text-title">');
      expect(html).toContain('<div class="text-summary"><p>Un résumé.</p></div>');
      expect(html).not.toContain('Zero-touch deployment');
      expect(noticesOf(html)).toBe(0);
      // The circular's own fields in French too, unmarked.
      expect(html).toContain('<p class="tsb-note">NOTE 2 DU TSB – Aucune déclaration de DPI reçue.</p>');
      expect(html).toContain('<bdi>Circulaire TSB 79</bdi>');
      expect(html).toContain('<bdi>Goyang (Corée)</bdi>');
      expect(html).toContain('<ul class="plain-list"><li>Administrations des Etats Membres de l’Union</li></ul>');
      expect(html).not.toContain('TSB NOTE 2');
    });

    it('shows at /fr/ what is not yet translated into French in English, marked lang="en", with the notice in French', async () => {
      const id = await web().world.openConsultation(
        consultationInput({ translations: { fr: { subject: 'Consultation des États Membres' } } }),
      );
      const html = (await web().browser().get(`/fr/consultations/${id}`)).body;
      expect(tagHolding(html, 'Consultation des États Membres')).toBe('<p class="lead">');
      expect(tagHolding(html, 'Zero-touch deployment')).toBe('<p lang="en" class="text-title">');
      expect(html).toContain('<div class="text-summary" lang="en"><p>A summary.</p></div>');
      expect(noticesOf(html)).toBe(1);
      // Named in French, the designations isolated.
      expect(noticeText(html)).toMatch(/français.*anglais/);
      expect(html).toContain('<bdi dir="ltr">X.1471</bdi>');
    });

    it('marks English content inside an Arabic page lang="en" dir="ltr", with the notice in Arabic', async () => {
      const id = await web().world.openConsultation();
      const html = (await web().browser().get(`/ar/consultations/${id}`)).body;
      expect(tagHolding(html, 'Member State consultation on determined draft Recommendations')).toBe(
        '<p lang="en" dir="ltr" class="lead">',
      );
      expect(tagHolding(html, 'Zero-touch deployment')).toBe('<p lang="en" dir="ltr" class="text-title">');
      // The reference is isolated with its own direction (a translated one may be Arabic): English, it runs left to right.
      expect(html).toContain('<bdi>TSB Circular 79</bdi>');
      expect(html).toContain('<ul class="plain-list" lang="en" dir="ltr"><li>ITU-T Sector Members</li></ul>');
      expect(noticesOf(html)).toBe(1);
      expect(noticeText(html)).toContain('الإنجليزية');
      expect(noticeText(html)).toContain('سائر بيانات الرسالة المعممة');
    });

    it('keeps designations, references and study groups left to right in an Arabic page, and marks English inside it lang="en" dir="ltr"', async () => {
      const id = await web().world.openConsultation(translatedEverywhere());
      const page = await web().browser().get(`/ar/consultations/${id}`);
      expect(page.statusCode).toBe(200);
      const html = page.body;
      expect(html).toContain('<html lang="ar" dir="rtl">');
      expect(tagHolding(html, 'مشاورة الدول الأعضاء بشأن مشاريع التوصيات المحددة')).toBe('<p class="lead">');
      expect(html).toContain('<bdi dir="ltr">SG17</bdi>');
      // In an Arabic sentence, the whole Latin phrase around a designation is one isolate (its brackets inside it).
      expect(html).toContain('<bdi dir="ltr">ITU-T X.1353 (X.ztd-iot)</bdi>');
      expect(html).toContain('<bdi dir="ltr">ITU-T X.1333 Cor.1</bdi>');
      expect(html).toContain('<bdi dir="ltr">R35</bdi>');
      // The circular's own fields in Arabic: the reference an isolate of its own direction, right to left.
      expect(html).toContain('<bdi>الرسالة المعممة 79 لمكتب تقييس الاتصالات</bdi>');
      expect(html).toContain('<h1>الرسالة المعممة 79 لمكتب تقييس الاتصالات</h1>');
      expect(html).toContain(
        '<p class="tsb-note">الملاحظة 2 لمكتب تقييس الاتصالات – لم يرد أي بيان بشأن حقوق الملكية الفكرية.</p>',
      );
      expect(noticesOf(html)).toBe(0);
    });
  });

  describe("the focal point's pages", () => {
    it('shows the reply form, the receipt and /my with the French titles marked and one notice each', async () => {
      const id = await web().world.openConsultation(frenchRecord());
      await submitReply(web().world.ctx, {
        actor: focalPoint('KR'),
        consultationId: id,
        memberState: 'KR',
        input: replyInput(),
        channel: 'api',
      });
      const kim = await signedIn('focal_point', 'KR');
      const form = (await kim.get(`/en/my/consultations/${id}/reply`)).body;
      expect(form).toContain('<span lang="fr" class="reply-text-title">Moniteur de référence</span>');
      expect(form).toContain('<span class="reply-text-title">Zero-touch deployment</span>');
      expect(form).toContain(
        '<span class="reply-text-heading">Draft new Recommendation ITU-T <bdi dir="ltr">X.1353</bdi> (<bdi dir="ltr">X.ztd-iot</bdi>)</span>',
      );
      expect(noticesOf(form)).toBe(1);
      expect(noticeText(form)).toBe(
        'Not yet available in English; shown in French: the title of X.1333 Cor.1 and the title of X.1471.',
      );

      const receipt = (await kim.get(`/en/my/consultations/${id}/reply/receipt/1`)).body;
      expect(receipt).toContain('<span lang="fr" class="reply-text-title">Outils d’accès à distance</span>');
      expect(receipt).toMatch(/<code dir="ltr" class="reply-hash" id="receipt-hash">[0-9a-f]{64}<\/code>/);
      expect(noticesOf(receipt)).toBe(1);

      const my = (await kim.get('/en/my')).body;
      expect(my).toContain(
        '<span class="reply-card-subject">Member State consultation on determined draft Recommendations</span>',
      );
      expect(my).toContain('<bdi>TSB Circular 79</bdi>');
      expect(noticesOf(my)).toBe(0);
    });
  });

  describe("the secretariat's pages", () => {
    const NEW = '/en/secretariat/consultations/new';
    const ID = 'tsb-80-2023';
    const PAGE = `/en/secretariat/consultations/${ID}`;
    const CIRCULAR: Readonly<Record<string, string>> = {
      bureau: 'TSB',
      studyPeriod: '2022-2024',
      number: '80',
      date: '2023-03-28',
      reference: 'TSB Circular 80',
      studyGroup: 'SG17',
      languageOfRecord: 'fr',
      subject: 'Consultation des États Membres sur le projet de Recommandation X.1999',
      'subject-ar': '',
      'subject-zh': '',
      'subject-en': 'Member State consultation on draft Recommendation X.1999',
      'subject-ru': '',
      'subject-es': 'Consulta a los Estados Miembros sobre el proyecto de Recomendación X.1999',
      meetingPlace: 'Genève, Suisse',
      meetingFirstDay: '2023-08-29',
      meetingLastDay: '2023-09-08',
      collectiveLetter: '',
      deadlineDay: '2023-08-16',
      deadlineTime: '23:59',
      addressees: 'Administrations des États Membres de l’Union',
      copies: '',
      notes: '',
      signatoryName: 'Seizo Onoe',
      signatoryTitle: 'Directeur du Bureau de la normalisation des télécommunications',
      languagesAvailableOn: '',
      resolutionEdition: 'Rev. Geneva, 2022',
      eligibleStates: '',
    };
    const stored = () => getConsultation(web().world.ctx, { actor: SECRETARIAT, consultationId: ID });

    it('creates a circular with its language of record and the subject in other languages, and edits them', async () => {
      const tsb = await signedIn('secretariat_admin');
      const form = (await tsb.get(NEW)).body;
      // The six languages, each named in its own language.
      expect(form).toContain('<option value="ar" lang="ar">العربية</option>');
      expect(form).toContain('<option value="en" selected lang="en">English</option>');
      expect(form).toContain('<option value="fr" lang="fr">Français</option>');
      // A new circular is in English: the five others are offered, Arabic typed right to left.
      expect(form).not.toContain('name="subject-en"');
      expect(form).toMatch(/<textarea [^>]*id="field-subject-ar" name="subject-ar"[^>]*lang="ar" dir="rtl"/);

      expectSeeOther(await tsb.submit(NEW, NEW, CIRCULAR), `${PAGE}?notice=sec-created`);
      let c = (await stored()).loaded.consultation;
      expect(c.languageOfRecord).toBe('fr');
      expect(c.translations).toEqual({
        en: { subject: CIRCULAR['subject-en'] },
        es: { subject: CIRCULAR['subject-es'] },
      });

      // The edit form: French selected, the translations given open, French itself not offered.
      const edit = (await tsb.get(PAGE)).body;
      expect(edit).toContain('<option value="fr" selected lang="fr">Français</option>');
      expect(edit).toMatch(/<textarea [^>]*id="field-subject" name="subject"[^>]*lang="fr"/);
      expect(edit).not.toContain('name="subject-fr"');
      expect(edit).toMatch(/<details class="sec-translation" open><summary><span lang="en">English<\/span>/);
      expect(edit).toMatch(/<details class="sec-translation"><summary><span lang="ru">Русский<\/span>/);

      const revision = /name="revision" value="(\d+)"/.exec(edit)![1]!;
      const changed = {
        ...CIRCULAR,
        revision,
        'subject-en': 'Consultation on draft Recommendation X.1999',
        'subject-es': '',
        'subject-ar': 'مشاورة بشأن مشروع التوصية X.1999',
      };
      expectSeeOther(await tsb.post(PAGE, { _csrf: csrfOf(edit, PAGE), ...changed }), `${PAGE}?notice=sec-saved`);
      c = (await stored()).loaded.consultation;
      expect(c.translations).toEqual({
        en: { subject: 'Consultation on draft Recommendation X.1999' },
        ar: { subject: 'مشاورة بشأن مشروع التوصية X.1999' },
      });
    });

    it('keeps the language of record and the translations when a client posts none of their fields', async () => {
      const tsb = await signedIn('secretariat_admin');
      expectSeeOther(await tsb.submit(NEW, NEW, CIRCULAR), `${PAGE}?notice=sec-created`);
      const edit = (await tsb.get(PAGE)).body;
      const bare = Object.fromEntries(
        Object.entries(CIRCULAR).filter(([name]) => name !== 'languageOfRecord' && !name.startsWith('subject-')),
      );
      expectSeeOther(
        await tsb.post(PAGE, { _csrf: csrfOf(edit, PAGE), ...bare, studyGroup: 'SG16' }),
        `${PAGE}?notice=sec-saved`,
      );
      const c = (await stored()).loaded.consultation;
      expect(c.studyGroup).toBe('SG16');
      expect(c.languageOfRecord).toBe('fr');
      expect(Object.keys(c.translations).sort()).toEqual(['en', 'es']);
    });

    it("takes the circular's own fields in each other language, lists line for line, and refuses a list of another length at its field", async () => {
      const tsb = await signedIn('secretariat_admin');
      const form = (await tsb.get(NEW)).body;
      // One-line fields as inputs, lists as text areas, each in its language's direction.
      expect(form).toMatch(/<input [^>]*id="field-reference-ar" name="reference-ar"[^>]*lang="ar" dir="rtl"/);
      expect(form).toMatch(/<textarea [^>]*id="field-addressees-ru" name="addressees-ru"[^>]*lang="ru"/);
      const english = {
        ...CIRCULAR,
        copies: 'Membres du Secteur UIT-T\nAssociés de l’UIT-T',
        notes: 'NOTE 1 du TSB – Justifications A.5 reçues.\n\nNOTE 2 du TSB – Aucune déclaration de DPI.',
        'reference-en': 'TSB Circular 80',
        'meetingPlace-en': 'Geneva, Switzerland',
        'addressees-en': 'Administrations of Member States of the Union',
        'copies-en': 'ITU-T Sector Members\nITU-T Associates',
        'notes-en': 'TSB NOTE 1 – A.5 justifications received.\n\nTSB NOTE 2 – No IPR statement.',
      };
      expectSeeOther(await tsb.submit(NEW, NEW, english), `${PAGE}?notice=sec-created`);
      const c = (await stored()).loaded.consultation;
      expect(c.translations.en).toEqual({
        subject: CIRCULAR['subject-en'],
        reference: 'TSB Circular 80',
        meetingPlace: 'Geneva, Switzerland',
        addressees: ['Administrations of Member States of the Union'],
        copies: ['ITU-T Sector Members', 'ITU-T Associates'],
        notes: ['TSB NOTE 1 – A.5 justifications received.', 'TSB NOTE 2 – No IPR statement.'],
      });
      // The edit form gives them back as typed.
      const edit = (await tsb.get(PAGE)).body;
      expect(edit).toContain('ITU-T Sector Members\nITU-T Associates</textarea>');
      expect(edit).toMatch(/<input [^>]*value="Geneva, Switzerland"[^>]*name="meetingPlace-en"/);

      // Copies in English with one line short: refused at that field, nothing stored.
      const short = await tsb.submit(NEW, NEW, {
        ...english,
        number: '81',
        reference: 'TSB Circular 81',
        'copies-en': 'ITU-T Sector Members',
      });
      expect(short.statusCode).toBe(400);
      expect(short.body).toContain(
        '<a href="#field-copies-en">Copies in English (one per line): the language of record (French) has 2 entries; give one for each, in the same order, or leave it empty</a>',
      );
      expect(short.body).toMatch(/<details class="sec-translation" open><summary><span lang="en">English<\/span>/);
      expect((await web().world.ctx.db.selectFrom('consultation').select('id').execute()).map((r) => r.id)).toEqual([
        ID,
      ]);
    });

    it('refuses a translation into the language of record, a subject too long and a change of language of record that a text forbids, each at its field', async () => {
      const tsb = await signedIn('secretariat_admin');
      // The form offers no French translation of a French circular; one posted anyway is refused by the service, shown at its field.
      const intoRecord = await tsb.submit(NEW, NEW, { ...CIRCULAR, 'subject-fr': 'Un second original' });
      expect(intoRecord.statusCode).toBe(400);
      expect(intoRecord.body).toContain('<a href="#field-subject-fr">French is the language of record');
      expect(intoRecord.body).toMatch(
        /<details class="sec-translation" open><summary><span lang="fr">Français<\/span>/,
      );
      expect(intoRecord.body).toContain('id="field-subject-fr-error"');
      expect(intoRecord.body).toContain('Un second original</textarea>');

      const tooLong = await tsb.submit(NEW, NEW, { ...CIRCULAR, 'subject-es': 'x'.repeat(2001) });
      expect(tooLong.statusCode).toBe(400);
      expect(tooLong.body).toContain(
        '<a href="#field-subject-es">“Subject in Spanish” must be at most 2000 characters</a>',
      );
      expect((await web().world.ctx.db.selectFrom('consultation').select('id').execute()).length).toBe(0);

      // A text translated into English stops English from becoming the language of record.
      expectSeeOther(await tsb.submit(NEW, NEW, CIRCULAR), `${PAGE}?notice=sec-created`);
      const textPath = `${PAGE}/texts/new`;
      const added = await tsb.submit(textPath, textPath, {
        designation: 'X.1999',
        kind: 'new',
        workItem: '',
        title: 'Un titre',
        summary: 'Un résumé.',
        location: 'R40',
        order: '',
        'title-en': 'A title',
      });
      expectSeeOther(added, `${PAGE}?notice=sec-text-added`);
      const edit = (await tsb.get(PAGE)).body;
      const revision = /name="revision" value="(\d+)"/.exec(edit)![1]!;
      const toEnglish = await tsb.post(PAGE, {
        _csrf: csrfOf(edit, PAGE),
        ...CIRCULAR,
        revision,
        languageOfRecord: 'en',
        subject: 'Consultation',
        'subject-en': '',
      });
      expect(toEnglish.statusCode).toBe(400);
      expect(toEnglish.body).toContain(
        '<a href="#field-languageOfRecord">X.1999 already has a title or summary in English',
      );
      expect(toEnglish.body).toContain('id="field-languageOfRecord-error"');
      expect((await stored()).loaded.consultation.languageOfRecord).toBe('fr');
    });

    it('adds and edits a text with its title and summary in other languages, and refuses a summary translated for a text without one', async () => {
      await createConsultation(web().world.ctx, {
        actor: SECRETARIAT,
        input: consultationInput({
          number: 80,
          reference: 'TSB Circular 80',
          languageOfRecord: 'fr',
          subject: 'Sujet',
          texts: [],
        }),
      });
      const tsb = await signedIn('secretariat_admin');
      const textPath = `${PAGE}/texts/new`;
      const blank = (await tsb.get(textPath)).body;
      expect(blank).toContain('The title and summary are written in French, the circular’s language of record');
      expect(blank).toMatch(/<textarea [^>]*id="field-title" name="title"[^>]*lang="fr"/);
      expect(blank).toMatch(/<textarea [^>]*id="field-summary-ar" name="summary-ar"[^>]*lang="ar" dir="rtl"/);
      expect(blank).not.toContain('name="title-fr"');
      expect(blank).toMatch(/<input type="text" [^>]*id="field-designation"[^>]*dir="ltr"/);

      const text = {
        designation: 'X.1999',
        kind: 'new',
        workItem: '',
        title: 'Un titre',
        summary: 'Un résumé.',
        location: 'R40',
        order: '',
      };
      expectSeeOther(
        await tsb.submit(textPath, textPath, {
          ...text,
          'title-en': 'A title',
          'summary-en': 'A summary.',
          'title-es': 'Un título',
        }),
        `${PAGE}?notice=sec-text-added`,
      );
      const x1999 = () => stored().then((v) => v.loaded.texts.find((t) => t.designation === 'X.1999')!);
      expect((await x1999()).translations).toEqual({
        en: { title: 'A title', summary: 'A summary.' },
        es: { title: 'Un título' },
      });

      const editPath = `${PAGE}/texts/x1999`;
      const editPage = (await tsb.get(editPath)).body;
      expect(editPage).toContain('A summary.</textarea>');
      expectSeeOther(
        await tsb.submit(editPath, editPath, {
          ...text,
          'title-en': 'A better title',
          'summary-en': 'A summary.',
          'title-es': '',
        }),
        `${PAGE}?notice=sec-text-saved`,
      );
      expect((await x1999()).translations).toEqual({ en: { title: 'A better title', summary: 'A summary.' } });

      // A corrigendum without a summary: a translated summary has nothing to translate (the service refuses it).
      const corrigendum = await tsb.submit(textPath, textPath, {
        designation: 'X.1999 Cor.1',
        kind: 'corrigendum',
        workItem: '',
        title: 'Corrigendum',
        summary: '',
        location: 'R41',
        order: '',
        'summary-en': 'A summary of nothing',
      });
      expect(corrigendum.statusCode).toBe(400);
      expect(corrigendum.body).toContain('<a href="#field-summary-en">This text has no summary in French to translate');
      expect(corrigendum.body).toContain('id="field-summary-en-error"');
      expect(corrigendum.body).toContain('A summary of nothing</textarea>');
      expect((await stored()).loaded.texts.map((t) => t.designation)).toEqual(['X.1999']);
    });

    it('previews what is translated into each language, and lists the circulars with their subjects marked', async () => {
      const id = (
        await createConsultation(web().world.ctx, {
          actor: SECRETARIAT,
          input: frenchRecord({ translations: { en: { subject: 'Subject' }, es: { subject: 'Asunto' } } }),
        })
      ).id;
      const tsb = await signedIn('secretariat_admin');
      const preview = (await tsb.get(`/en/secretariat/consultations/${id}/preview`)).body;
      const status = readable(/<ul class="sec-languages" id="translation-status">([\s\S]*?)<\/ul>/.exec(preview)![1]!);
      expect(status).toContain(
        'English: not yet translated: the other details of the circular, the summaries of the texts, the title of X.1333 Cor.1, and the title of X.1471.',
      );
      expect(status).toContain(
        'Arabic: not yet translated: the subject, the other details of the circular, and the titles and summaries of the texts.',
      );
      expect(status).toContain(
        'Spanish: not yet translated: the other details of the circular and the titles and summaries of the texts.',
      );
      expect(noticesOf(preview)).toBe(1);
      expect(preview).toContain('<strong id="letter-subject">Subject</strong>');

      const list = (await tsb.get('/en/secretariat')).body;
      expect(list).toContain('<td>Subject</td>');
      expect(noticesOf(list)).toBe(0);
    });
  });

  describe("the secretariat's outcome pages", () => {
    it('shows the results with the French titles marked and one notice', async () => {
      const id = await web().world.openConsultation(frenchRecord());
      const tsb = await signedIn('secretariat_admin');
      const html = (await tsb.get(`/en/secretariat/consultations/${id}/results`)).body;
      expect(html).toContain('<span lang="fr" class="outcome-note">Moniteur de référence</span>');
      expect(noticesOf(html)).toBe(1);
      expect(noticeText(html)).toBe(
        'Not yet available in English; shown in French: the title of X.1333 Cor.1 and the title of X.1471.',
      );
    });
  });
});
