import { describe, expect, it } from 'vitest';
import { consultationIn, contentLanguageOf, isUnLanguage, localiseConsultation, localiseText } from './localise.js';

/** The circular's own fields besides the subject, in English. */
const record = {
  reference: 'TSB Circular 79',
  meeting: {
    place: 'Geneva',
    firstDay: '2023-08-29',
    lastDay: '2023-09-08',
    collectiveLetter: 'Collective letter 5/17',
  },
  addressees: ['Administrations of Member States of the Union'],
  copies: ['ITU-T Sector Members', 'ITU-T Associates'],
  notes: ['TSB NOTE 1 – A.5 justifications were received.', 'TSB NOTE 2 – IPR statements were received.'],
};

/** Those fields in French. */
const french = {
  reference: 'Circulaire TSB 79',
  meetingPlace: 'Genève',
  collectiveLetter: 'Lettre collective 5/17',
  addressees: ['Administrations des Etats Membres de l’Union'],
  copies: ['Membres du Secteur UIT-T', 'Associés de l’UIT-T'],
  notes: [
    'NOTE DU TSB 1 – Des justifications A.5 ont été reçues.',
    'NOTE DU TSB 2 – Des déclarations de DPI ont été reçues.',
  ],
};

const consultation = {
  ...record,
  subject: 'Member State consultation on determined draft Recommendations',
  languageOfRecord: 'en' as const,
  translations: {
    fr: { subject: 'Consultation des États Membres sur des projets de Recommandations déterminés', ...french },
    es: { subject: 'Consulta a los Estados Miembros sobre proyectos de Recomendación determinados' },
  },
};

const texts = [
  { id: 'x1333-cor1', title: 'Remote access tools', summary: null, translations: {} },
  {
    id: 'x1353',
    title: 'Zero-touch deployment',
    summary: 'A summary.',
    translations: {
      fr: { title: 'Déploiement sans intervention', summary: 'Un résumé.' },
      es: { title: 'Despliegue sin intervención' },
    },
  },
  { id: 'x1471', title: 'Reference monitor', summary: 'Another summary.', translations: {} },
];

describe('localiseConsultation', () => {
  it('shows the language of record unchanged, with nothing missing, when asked for it', () => {
    const result = localiseConsultation(consultation, texts, 'en');
    expect(result.language).toBe('en');
    expect(result.subject).toEqual({ value: consultation.subject, language: 'en', isFallback: false });
    expect(result.texts.map((t) => t.title.value)).toEqual([
      'Remote access tools',
      'Zero-touch deployment',
      'Reference monitor',
    ]);
    expect(result.missing).toEqual([]);
  });

  it('shows each translation that exists and falls back to the language of record field by field', () => {
    const result = localiseConsultation(consultation, texts, 'fr');
    expect(result.subject).toEqual({ value: consultation.translations.fr.subject, language: 'fr', isFallback: false });
    const [cor, x1353, x1471] = result.texts;
    expect(x1353!.title).toEqual({ value: 'Déploiement sans intervention', language: 'fr', isFallback: false });
    expect(x1353!.summary).toEqual({ value: 'Un résumé.', language: 'fr', isFallback: false });
    expect(cor!.title).toEqual({ value: 'Remote access tools', language: 'en', isFallback: true });
    expect(x1471!.summary).toEqual({ value: 'Another summary.', language: 'en', isFallback: true });
    expect(result.missing).toEqual([
      { field: 'title', textId: 'x1333-cor1' },
      { field: 'title', textId: 'x1471' },
      { field: 'summary', textId: 'x1471' },
    ]);
  });

  it('falls back for the summary alone when only the title is translated', () => {
    const x1353 = localiseConsultation(consultation, texts, 'es').texts[1]!;
    expect(x1353.title).toEqual({ value: 'Despliegue sin intervención', language: 'es', isFallback: false });
    expect(x1353.summary).toEqual({ value: 'A summary.', language: 'en', isFallback: true });
  });

  it('reports the subject first when it is missing, and every field of a language with no translation at all', () => {
    const result = localiseConsultation(consultation, texts, 'ar');
    expect(result.language).toBe('ar');
    expect(result.subject).toEqual({ value: consultation.subject, language: 'en', isFallback: true });
    expect(result.missing[0]).toEqual({ field: 'subject', textId: null });
    // The subject and the circular's six other fields, the three titles, the two summaries.
    expect(result.missing).toHaveLength(7 + 3 + 2);
  });

  it('never reports a missing summary for a text that has none in the language of record', () => {
    const cor = localiseConsultation(consultation, texts, 'zh').texts[0]!;
    expect(cor.summary).toEqual({ value: null, language: 'en', isFallback: false });
    const ignored = localiseText(
      { id: 'c', title: 'T', summary: null, translations: { fr: { summary: 'Résumé orphelin' } } },
      'en',
      'fr',
    );
    expect(ignored.summary.value).toBeNull();
  });

  it('treats a blank translation as missing', () => {
    const text = localiseText(
      { id: 't', title: 'Title', summary: 'Summary', translations: { ru: { title: '  ', summary: '' } } },
      'en',
      'ru',
    );
    expect(text.title).toEqual({ value: 'Title', language: 'en', isFallback: true });
    expect(text.summary.isFallback).toBe(true);
  });

  it('reads a regional or upper-case locale by its primary subtag, and gives the language of record for a non-UN locale', () => {
    expect(localiseConsultation(consultation, texts, 'fr-CH').subject.language).toBe('fr');
    expect(localiseConsultation(consultation, texts, 'ES').subject.language).toBe('es');
    const german = localiseConsultation(consultation, texts, 'de-DE');
    expect(german.language).toBe('en');
    expect(german.missing).toEqual([]);
  });

  it('works from a language of record other than English', () => {
    const french = {
      ...record,
      subject: 'Objet',
      languageOfRecord: 'fr' as const,
      translations: { en: { subject: 'Subject' } },
    };
    const frTexts = [{ id: 'a', title: 'Titre', summary: 'Résumé', translations: { en: { title: 'Title' } } }];
    const inEnglish = localiseConsultation(french, frTexts, 'en');
    expect(inEnglish.subject).toEqual({ value: 'Subject', language: 'en', isFallback: false });
    expect(inEnglish.texts[0]!.summary).toEqual({ value: 'Résumé', language: 'fr', isFallback: true });
    expect(localiseConsultation(french, frTexts, 'fr').missing).toEqual([]);
    expect(localiseConsultation(french, frTexts, 'it').language).toBe('fr');
  });
});

describe("the circular's own fields (issue 20 item 5)", () => {
  it('gives the reference, place, collective letter, addressees, copies and notes in the language asked for', () => {
    const result = localiseConsultation(consultation, [], 'fr');
    expect(result.reference).toEqual({ value: 'Circulaire TSB 79', language: 'fr', isFallback: false });
    expect(result.meetingPlace).toEqual({ value: 'Genève', language: 'fr', isFallback: false });
    expect(result.collectiveLetter).toEqual({ value: 'Lettre collective 5/17', language: 'fr', isFallback: false });
    expect(result.addressees).toEqual({ value: french.addressees, language: 'fr', isFallback: false });
    expect(result.copies.value).toEqual(french.copies);
    expect(result.notes.value).toEqual(french.notes);
    expect(result.missing).toEqual([]);
  });

  it('falls back field by field, the circular first in the order of its fields, then the texts', () => {
    const result = localiseConsultation(consultation, texts.slice(2), 'es');
    expect(result.subject.isFallback).toBe(false);
    expect(result.reference).toEqual({ value: 'TSB Circular 79', language: 'en', isFallback: true });
    expect(result.notes).toEqual({ value: record.notes, language: 'en', isFallback: true });
    expect(result.missing.map((m) => m.field)).toEqual([
      'reference',
      'meetingPlace',
      'collectiveLetter',
      'addressees',
      'copies',
      'notes',
      'title',
      'summary',
    ]);
    expect(result.missing.slice(0, 6).every((m) => m.textId === null)).toBe(true);
  });

  it('takes a translated list only entry for entry, and never reports what the record leaves empty', () => {
    const shortList = {
      ...consultation,
      translations: { fr: { addressees: [], copies: ['Membres du Secteur UIT-T'], notes: ['Une', '  '] } },
    };
    const result = localiseConsultation(shortList, [], 'fr');
    // Another number of entries, or a blank entry: the record, marked as such (the services refuse both).
    expect(result.addressees.isFallback).toBe(true);
    expect(result.copies).toEqual({ value: record.copies, language: 'en', isFallback: true });
    expect(result.notes.isFallback).toBe(true);
    const bare = {
      ...consultation,
      meeting: { ...record.meeting, collectiveLetter: null },
      copies: [],
      notes: [],
      translations: {},
    };
    const inRussian = localiseConsultation(bare, [], 'ru');
    expect(inRussian.collectiveLetter).toEqual({ value: null, language: 'en', isFallback: false });
    expect(inRussian.copies).toEqual({ value: [], language: 'en', isFallback: false });
    expect(inRussian.missing.map((m) => m.field)).toEqual(['subject', 'reference', 'meetingPlace', 'addressees']);
  });

  it('reads the whole circular in one language for the documents and e-mails (consultationIn)', () => {
    const withDays = { ...consultation, id: 'tsb-79', deadlineAt: 1 };
    const { consultation: inFrench, localised } = consultationIn(withDays, 'fr-CA');
    expect(inFrench.subject).toBe(consultation.translations.fr.subject);
    expect(inFrench.reference).toBe('Circulaire TSB 79');
    expect(inFrench.meeting).toEqual({
      ...record.meeting,
      place: 'Genève',
      collectiveLetter: 'Lettre collective 5/17',
    });
    expect([inFrench.addressees, inFrench.copies, inFrench.notes]).toEqual([
      french.addressees,
      french.copies,
      french.notes,
    ]);
    // The rest of the record is untouched.
    expect([inFrench.id, inFrench.deadlineAt, inFrench.translations]).toEqual(['tsb-79', 1, consultation.translations]);
    expect(localised.language).toBe('fr');
    const inSpanish = consultationIn(withDays, 'es').consultation;
    expect([inSpanish.reference, inSpanish.meeting.place]).toEqual(['TSB Circular 79', 'Geneva']);
  });
});

describe('contentLanguageOf / isUnLanguage', () => {
  it('accepts only the six UN language codes', () => {
    expect(['ar', 'zh', 'en', 'fr', 'ru', 'es'].every(isUnLanguage)).toBe(true);
    expect(['de', 'EN', 'fr-FR', ''].some(isUnLanguage)).toBe(false);
    expect(contentLanguageOf('zh-Hans-CN', 'en')).toBe('zh');
    expect(contentLanguageOf('', 'ru')).toBe('ru');
  });
});
