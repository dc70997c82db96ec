import { describe, expect, it } from 'vitest';
import { contentLanguageOf, isUnLanguage, localiseConsultation, localiseText } from './localise.js';

const consultation = {
  subject: 'Member State consultation on determined draft Recommendations',
  languageOfRecord: 'en' as const,
  translations: {
    fr: { subject: 'Consultation des États Membres sur des projets de Recommandations déterminés' },
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
    expect(result.missing).toHaveLength(1 + 3 + 2);
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
    const french = { subject: 'Objet', languageOfRecord: 'fr' as const, translations: { en: { subject: 'Subject' } } };
    const frTexts = [{ id: 'a', title: 'Titre', summary: 'Résumé', translations: { en: { title: 'Title' } } }];
    const inEnglish = localiseConsultation(french, frTexts, 'en');
    expect(inEnglish.subject).toEqual({ value: 'Subject', language: 'en', isFallback: false });
    expect(inEnglish.texts[0]!.summary).toEqual({ value: 'Résumé', language: 'fr', isFallback: true });
    expect(localiseConsultation(french, frTexts, 'fr').missing).toEqual([]);
    expect(localiseConsultation(french, frTexts, 'it').language).toBe('fr');
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
