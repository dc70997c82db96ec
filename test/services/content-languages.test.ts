import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { localiseConsultation } from '../../src/domain/consultation/localise.js';
import type { ConsultationView } from '../../src/schemas/responses.schema.js';
import type { ConsultationInput } from '../../src/schemas/consultation.schema.js';
import { createConsultation } from '../../src/services/create-consultation.js';
import { getConsultation } from '../../src/services/get-consultation.js';
import { addText, editText } from '../../src/services/manage-texts.js';
import { DEMO_CONSULTATION_ID, seedDemo } from '../../src/services/seed-demo.js';
import { updateConsultation } from '../../src/services/update-consultation.js';
import { expectProblem, useApi } from '../http/api-harness.js';
import { describeEachDialect } from '../helpers/databases.js';
import { consultationInput, PUBLIC, SECRETARIAT, useWorld } from '../helpers/world.js';

/** Content in several languages (issue #8 item 6): storage, services, API and CLI on both dialects. */

const FR_SUBJECT = 'Consultation des États Membres sur des projets de Recommandations déterminés';
/** The circular's other fields in French, entry for entry with the test consultation's English. */
const FR_CIRCULAR = {
  reference: 'Circulaire TSB 79',
  meetingPlace: 'Goyang (Corée)',
  collectiveLetter: 'Lettre collective 5/17',
  addressees: ['Administrations des Etats Membres de l’Union'],
  copies: ['Membres du Secteur UIT-T'],
  notes: ['NOTE 2 DU TSB – Aucune déclaration de DPI reçue.'],
};
const ES_SUBJECT = 'Consulta a los Estados Miembros sobre proyectos de Recomendación determinados';

/** The default test consultation with French and Spanish for the subject and French for X.1353. */
function translatedInput(overrides: Partial<ConsultationInput> = {}): ConsultationInput {
  const base = consultationInput();
  return {
    ...base,
    languageOfRecord: 'en',
    translations: { fr: { subject: FR_SUBJECT, ...FR_CIRCULAR }, es: { subject: ES_SUBJECT } },
    texts: base.texts!.map((text) =>
      text.designation === 'X.1353'
        ? { ...text, translations: { fr: { title: 'Déploiement sans intervention', summary: 'Un résumé.' } } }
        : text,
    ),
    ...overrides,
  };
}

/** Runs `fn` and returns the AppError it throws (fails the test when it does not throw). */
async function refusal(
  fn: () => Promise<unknown>,
): Promise<{ code: string; errors: readonly { field: string; message: string }[] }> {
  try {
    await fn();
  } catch (error) {
    return error as { code: string; errors: readonly { field: string; message: string }[] };
  }
  throw new Error('expected a refusal');
}

describeEachDialect('content in several languages (services)', (dialect) => {
  const world = useWorld(dialect);

  it('stores the language of record and the translations of the subject, titles and summaries, and reads them back', async () => {
    const { ctx } = world();
    const created = await createConsultation(ctx, { actor: SECRETARIAT, input: translatedInput() });
    expect(created.languageOfRecord).toBe('en');
    expect(created.translations).toEqual({ fr: { subject: FR_SUBJECT, ...FR_CIRCULAR }, es: { subject: ES_SUBJECT } });
    const { loaded } = await getConsultation(ctx, { actor: SECRETARIAT, consultationId: created.id });
    expect(loaded.texts.find((t) => t.id === 'x1353')!.translations).toEqual({
      fr: { title: 'Déploiement sans intervention', summary: 'Un résumé.' },
    });
    expect(loaded.texts.find((t) => t.id === 'x1471')!.translations).toEqual({});
  });

  it('defaults to English as language of record with no translations (rows from before the migration read the same)', async () => {
    const { ctx } = world();
    const created = await createConsultation(ctx, { actor: SECRETARIAT, input: consultationInput() });
    expect(created).toMatchObject({ languageOfRecord: 'en', translations: {} });
    const row = await ctx.db
      .selectFrom('determined_text')
      .select(['translations'])
      .where('consultation_id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row.translations).toBe('{}');
    // The CHECK of migration 0009 holds the six languages even against a bug.
    await expect(
      ctx.db
        .updateTable('consultation')
        .set({ language_of_record: 'de' as 'en' })
        .where('id', '=', created.id)
        .execute(),
    ).rejects.toThrow();
  });

  it('localises the stored consultation: translations where present, the language of record with a flag where missing', async () => {
    const { ctx } = world();
    await createConsultation(ctx, { actor: SECRETARIAT, input: translatedInput() });
    const { loaded } = await getConsultation(ctx, { actor: SECRETARIAT, consultationId: 'tsb-79-2023' });
    const es = localiseConsultation(loaded.consultation, loaded.texts, 'es');
    expect(es.subject).toEqual({ value: ES_SUBJECT, language: 'es', isFallback: false });
    expect(es.texts.every((t) => t.title.isFallback && t.title.language === 'en')).toBe(true);
    const fr = localiseConsultation(loaded.consultation, loaded.texts, 'fr');
    expect(fr.texts.find((t) => t.id === 'x1353')!.title).toEqual({
      value: 'Déploiement sans intervention',
      language: 'fr',
      isFallback: false,
    });
    expect(fr.missing).toEqual([
      { field: 'title', textId: 'x1333-cor1' },
      { field: 'title', textId: 'x1471' },
      { field: 'summary', textId: 'x1471' },
    ]);
  });

  it('replaces the translations of a draft on update, and of a text on edit; adds a text with its translations', async () => {
    const { ctx } = world();
    await createConsultation(ctx, { actor: SECRETARIAT, input: translatedInput() });
    const updated = await updateConsultation(ctx, {
      actor: SECRETARIAT,
      consultationId: 'tsb-79-2023',
      patch: { translations: { ru: { subject: 'Консультация' } } },
    });
    expect(updated.translations).toEqual({ ru: { subject: 'Консультация' } });
    const edited = await editText(ctx, {
      actor: SECRETARIAT,
      consultationId: 'tsb-79-2023',
      textId: 'x1353',
      patch: { translations: { zh: { title: '零接触部署' } } },
    });
    expect(edited.translations).toEqual({ zh: { title: '零接触部署' } });
    const added = await addText(ctx, {
      actor: SECRETARIAT,
      consultationId: 'tsb-79-2023',
      input: {
        kind: 'new',
        designation: 'X.1645',
        title: 'Situational awareness',
        summary: 'S.',
        location: 'R38',
        translations: { ar: { title: 'الوعي بالأوضاع' } },
      },
    });
    expect(added.translations).toEqual({ ar: { title: 'الوعي بالأوضاع' } });
    const { loaded } = await getConsultation(ctx, { actor: SECRETARIAT, consultationId: 'tsb-79-2023' });
    expect(loaded.consultation.translations).toEqual({ ru: { subject: 'Консультация' } });
    expect(loaded.texts.find((t) => t.id === 'x1353')!.translations).toEqual({ zh: { title: '零接触部署' } });
    expect(loaded.texts.find((t) => t.id === 'x1645')!.translations).toEqual({ ar: { title: 'الوعي بالأوضاع' } });
  });

  it('changes the language of record when no translation is in the new one', async () => {
    const { ctx } = world();
    await createConsultation(ctx, { actor: SECRETARIAT, input: translatedInput() });
    const updated = await updateConsultation(ctx, {
      actor: SECRETARIAT,
      consultationId: 'tsb-79-2023',
      patch: {
        languageOfRecord: 'es',
        subject: ES_SUBJECT,
        translations: { en: { subject: 'Member State consultation' } },
      },
    });
    expect(updated).toMatchObject({
      languageOfRecord: 'es',
      subject: ES_SUBJECT,
      translations: { en: { subject: 'Member State consultation' } },
    });
  });

  it('refuses a translation in the language of record, naming the field, and stores nothing', async () => {
    const { ctx } = world();
    const onCreate = await refusal(() =>
      createConsultation(ctx, {
        actor: SECRETARIAT,
        input: translatedInput({ translations: { en: { subject: 'Twice' } } }),
      }),
    );
    expect(onCreate.code).toBe('VALIDATION_FAILED');
    expect(onCreate.errors).toEqual([
      { field: '/translations/en', message: expect.stringContaining('language of record') },
    ]);
    const base = translatedInput();
    const onText = await refusal(() =>
      createConsultation(ctx, {
        actor: SECRETARIAT,
        input: { ...base, languageOfRecord: 'fr', translations: {}, texts: base.texts! },
      }),
    );
    expect(onText.errors.map((e) => e.field)).toEqual(['/texts/1/translations/fr']);
    expect(await ctx.db.selectFrom('consultation').select('id').execute()).toEqual([]);
  });

  it('refuses a change of the language of record into a language a text is translated into', async () => {
    const { ctx } = world();
    await createConsultation(ctx, { actor: SECRETARIAT, input: translatedInput({ translations: {} }) });
    const refused = await refusal(() =>
      updateConsultation(ctx, { actor: SECRETARIAT, consultationId: 'tsb-79-2023', patch: { languageOfRecord: 'fr' } }),
    );
    expect(refused.code).toBe('VALIDATION_FAILED');
    expect(refused.errors).toEqual([{ field: '/languageOfRecord', message: expect.stringContaining('X.1353') }]);
    const subjectToo = await refusal(() =>
      updateConsultation(ctx, {
        actor: SECRETARIAT,
        consultationId: 'tsb-79-2023',
        patch: { translations: { en: { subject: 'x' } } },
      }),
    );
    expect(subjectToo.errors.map((e) => e.field)).toEqual(['/translations/en']);
    const { loaded } = await getConsultation(ctx, { actor: SECRETARIAT, consultationId: 'tsb-79-2023' });
    expect(loaded.consultation).toMatchObject({ languageOfRecord: 'en', translations: {} });
  });

  it('refuses a key that is not a UN language even when the schema was bypassed', async () => {
    const { ctx } = world();
    const input = translatedInput({
      translations: { de: { subject: 'Konsultation' } } as NonNullable<ConsultationInput['translations']>,
    });
    const refused = await refusal(() => createConsultation(ctx, { actor: SECRETARIAT, input }));
    expect(refused.errors).toEqual([
      { field: '/translations/de', message: expect.stringContaining('not one of the six UN languages') },
    ]);
  });

  it('refuses a translated summary of a text that has none, also when an edit removes the summary', async () => {
    const { ctx } = world();
    await createConsultation(ctx, { actor: SECRETARIAT, input: translatedInput() });
    const onCorrigendum = await refusal(() =>
      editText(ctx, {
        actor: SECRETARIAT,
        consultationId: 'tsb-79-2023',
        textId: 'x1333-cor1',
        patch: { translations: { fr: { summary: 'Résumé' } } },
      }),
    );
    expect(onCorrigendum.errors.map((e) => e.field)).toEqual(['/translations/fr/summary']);
    const removing = await refusal(() =>
      editText(ctx, { actor: SECRETARIAT, consultationId: 'tsb-79-2023', textId: 'x1353', patch: { summary: null } }),
    );
    expect(removing.errors.map((e) => e.field)).toEqual(['/translations/fr/summary']);
    const inRecord = await refusal(() =>
      addText(ctx, {
        actor: SECRETARIAT,
        consultationId: 'tsb-79-2023',
        input: { kind: 'new', designation: 'X.1', title: 'T', location: 'R1', translations: { en: { title: 'T' } } },
      }),
    );
    expect(inRecord.errors.map((e) => e.field)).toEqual(['/translations/en']);
  });

  it('refuses translation changes once the circular is issued (texts frozen)', async () => {
    const { ctx } = world();
    const id = await world().openConsultation({ translations: { fr: { subject: FR_SUBJECT } } });
    expect(
      (
        await refusal(() =>
          updateConsultation(ctx, { actor: SECRETARIAT, consultationId: id, patch: { translations: {} } }),
        )
      ).code,
    ).toBe('CONSULTATION_ISSUED');
    expect(
      (
        await refusal(() =>
          editText(ctx, {
            actor: SECRETARIAT,
            consultationId: id,
            textId: 'x1353',
            patch: { translations: { fr: { title: 'Titre' } } },
          }),
        )
      ).code,
    ).toBe('CONSULTATION_ISSUED');
    const { loaded } = await getConsultation(ctx, { actor: PUBLIC, consultationId: id });
    expect(loaded.consultation.translations).toEqual({ fr: { subject: FR_SUBJECT } });
  });

  it('seeds the demo consultation with French and Spanish for its subject and X.9991, and Circular 79 in English only', async () => {
    const { ctx, clock } = world();
    clock.set('2026-11-27T12:00:00Z');
    await seedDemo(ctx);
    const demo = (await getConsultation(ctx, { actor: PUBLIC, consultationId: DEMO_CONSULTATION_ID })).loaded;
    expect(Object.keys(demo.consultation.translations).sort()).toEqual(['es', 'fr']);
    const fr = localiseConsultation(demo.consultation, demo.texts, 'fr');
    expect(fr.subject.isFallback).toBe(false);
    expect(fr.missing).toEqual([
      { field: 'title', textId: 'x9990-cor1' },
      { field: 'title', textId: 'x9992' },
      { field: 'summary', textId: 'x9992' },
    ]);
    const c79 = (await getConsultation(ctx, { actor: PUBLIC, consultationId: 'tsb-79-2023' })).loaded;
    expect(c79.consultation).toMatchObject({ languageOfRecord: 'en', translations: {} });
    expect(c79.texts.every((t) => Object.keys(t.translations).length === 0)).toBe(true);
  });
});

describeEachDialect('content in several languages (API)', (dialect) => {
  const api = useApi(dialect);
  const create = async (body: unknown) =>
    api().send('POST', '/api/v1/consultations', { token: api().tokens.secretariat, body });

  it('creates with translations and exposes languageOfRecord and translations, without localising unless asked', async () => {
    const created = await create(translatedInput());
    expect(created.statusCode).toBe(201);
    const body = created.json<ConsultationView>();
    expect(body).toMatchObject({
      languageOfRecord: 'en',
      translations: { fr: { subject: FR_SUBJECT }, es: { subject: ES_SUBJECT } },
    });
    expect(body.texts[1]!.translations).toEqual({
      fr: { title: 'Déploiement sans intervention', summary: 'Un résumé.' },
    });
    expect(body).not.toHaveProperty('requestedLanguage');
    expect(body).not.toHaveProperty('missingTranslations');
  });

  it('GET ?lang=fr gives the subject, titles and summaries in French where translated and lists what fell back', async () => {
    await create(translatedInput());
    const response = await api().send('GET', '/api/v1/consultations/tsb-79-2023?lang=fr', {
      token: api().tokens.secretariat,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json<ConsultationView>();
    expect(body.subject).toBe(FR_SUBJECT);
    expect(body.requestedLanguage).toBe('fr');
    expect(body.texts.map((t) => t.title)).toEqual([
      'Remote access tools',
      'Déploiement sans intervention',
      'Reference monitor',
    ]);
    expect(body.texts.map((t) => t.summary)).toEqual([null, 'Un résumé.', 'A summary.']);
    expect(body.missingTranslations).toEqual([
      { field: 'title', textId: 'x1333-cor1' },
      { field: 'title', textId: 'x1471' },
      { field: 'summary', textId: 'x1471' },
    ]);
    expect(body.languageOfRecord).toBe('en');

    const inRecord = (
      await api().send('GET', '/api/v1/consultations/tsb-79-2023?lang=en', { token: api().tokens.secretariat })
    ).json<ConsultationView>();
    expect(inRecord).toMatchObject({
      requestedLanguage: 'en',
      missingTranslations: [],
      subject: 'Member State consultation on determined draft Recommendations',
    });
  });

  it('serves ?lang= to the public once issued', async () => {
    await create(translatedInput());
    await api().send('POST', '/api/v1/consultations/tsb-79-2023/issue', { token: api().tokens.secretariat });
    const response = await api().send('GET', '/api/v1/consultations/tsb-79-2023?lang=es');
    expect(response.statusCode).toBe(200);
    expect(response.json<ConsultationView>()).toMatchObject({ subject: ES_SUBJECT, requestedLanguage: 'es' });
    // Spanish has the subject only: the circular's six other fields, the titles of X.1333 Cor.1
    // and X.1353 (X.1471's too), the summaries of X.1353 and X.1471.
    expect(response.json<ConsultationView>().missingTranslations).toHaveLength(6 + 5);
    // The circular's fields fall back to the record in the body too.
    expect(response.json<ConsultationView>()).toMatchObject({
      reference: 'TSB Circular 79',
      meeting: { place: 'Goyang, Korea' },
    });
    const french = (await api().send('GET', '/api/v1/consultations/tsb-79-2023?lang=fr')).json<ConsultationView>();
    expect(french).toMatchObject({
      reference: FR_CIRCULAR.reference,
      meeting: { place: FR_CIRCULAR.meetingPlace, collectiveLetter: FR_CIRCULAR.collectiveLetter },
      addressees: FR_CIRCULAR.addressees,
      copies: FR_CIRCULAR.copies,
      notes: FR_CIRCULAR.notes,
    });
    // Without ?lang=, the record as entered, with its translations beside it.
    const record = (await api().send('GET', '/api/v1/consultations/tsb-79-2023')).json<ConsultationView>();
    expect(record.reference).toBe('TSB Circular 79');
    expect(record.translations.fr).toEqual({ subject: FR_SUBJECT, ...FR_CIRCULAR });
  });

  it('refuses a list translated with another number of entries or a blank entry, or a collective letter the circular does not name, each with its code and field', async () => {
    const refused = await create(
      translatedInput({
        meeting: { ...consultationInput().meeting, collectiveLetter: null },
        translations: {
          fr: { addressees: ['Un', 'Deux'], copies: [' '], notes: [], collectiveLetter: 'Lettre collective 5/17' },
        },
      }),
    );
    expectProblem(refused, 400, 'VALIDATION_FAILED');
    const errors = refused.json<{ errors: { field: string; code?: string }[] }>().errors;
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['/translations/fr/addressees', 'TRANSLATION_LIST_LENGTH'],
      ['/translations/fr/copies/0', 'TRANSLATION_BLANK'],
      ['/translations/fr/notes', 'TRANSLATION_LIST_LENGTH'],
      ['/translations/fr/collectiveLetter', 'TRANSLATION_WITHOUT_RECORD'],
    ]);
    // Nothing was stored.
    expect(
      (await api().send('GET', '/api/v1/consultations/tsb-79-2023', { token: api().tokens.secretariat })).statusCode,
    ).toBe(404);
  });

  it('refuses ?lang= that is not a UN language with 400 VALIDATION_FAILED', async () => {
    await create(translatedInput());
    const response = await api().send('GET', '/api/v1/consultations/tsb-79-2023?lang=de', {
      token: api().tokens.secretariat,
    });
    const problem = expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(problem.errors?.map((e) => e.field).join(' ')).toContain('lang');
  });

  it('refuses an unknown language key, a translation too long, and one in the language of record, naming the field', async () => {
    const unknown = expectProblem(
      await create(
        translatedInput({ translations: { de: { subject: 'x' } } as NonNullable<ConsultationInput['translations']> }),
      ),
      400,
      'VALIDATION_FAILED',
    );
    expect(unknown.errors?.map((e) => e.field)).toContain('/translations/de');
    const tooLong = expectProblem(
      await create(translatedInput({ translations: { fr: { subject: 'x'.repeat(2001) } } })),
      400,
      'VALIDATION_FAILED',
    );
    expect(tooLong.errors?.map((e) => e.field)).toContain('/translations/fr/subject');
    const base = translatedInput();
    const longTitle = { ...base, texts: [{ ...base.texts![0]!, translations: { fr: { title: 't'.repeat(1001) } } }] };
    expect(expectProblem(await create(longTitle), 400, 'VALIDATION_FAILED').errors?.map((e) => e.field)).toContain(
      '/texts/0/translations/fr/title',
    );
    const inRecord = expectProblem(
      await create(translatedInput({ translations: { en: { subject: 'x' } } })),
      400,
      'VALIDATION_FAILED',
    );
    expect(inRecord.errors).toEqual([{ field: '/translations/en', message: expect.any(String) }]);
    expect(
      expectProblem(
        await create(translatedInput({ languageOfRecord: 'de' as 'en' })),
        400,
        'VALIDATION_FAILED',
      ).errors?.map((e) => e.field),
    ).toContain('/languageOfRecord');
    const list = await api().send('GET', '/api/v1/consultations', { token: api().tokens.secretariat });
    expect(list.json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('updates translations by PATCH on the consultation and on a text', async () => {
    await create(translatedInput());
    const patched = await api().send('PATCH', '/api/v1/consultations/tsb-79-2023', {
      token: api().tokens.secretariat,
      body: { translations: { zh: { subject: '成员国磋商' } } },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json<ConsultationView>().translations).toEqual({ zh: { subject: '成员国磋商' } });
    const text = await api().send('PATCH', '/api/v1/consultations/tsb-79-2023/texts/x1471', {
      token: api().tokens.secretariat,
      body: { translations: { ru: { title: 'Монитор', summary: 'Резюме.' } } },
    });
    expect(text.statusCode).toBe(200);
    const zh = (
      await api().send('GET', '/api/v1/consultations/tsb-79-2023?lang=ru', { token: api().tokens.secretariat })
    ).json<ConsultationView>();
    expect(zh.texts[2]).toMatchObject({
      title: 'Монитор',
      summary: 'Резюме.',
      translations: { ru: { title: 'Монитор', summary: 'Резюме.' } },
    });
  });
});

describeEachDialect('content in several languages (CLI)', (dialect) => {
  const world = useWorld(dialect);

  const run = async (dir: string, args: readonly string[]) => {
    let stdout = '';
    let stderr = '';
    const io = {
      env: { DATA_DIR: path.join(dir, 'data'), DATABASE_URL: world().database.url, LOG_LEVEL: 'silent' },
      stdout: {
        write: (chunk: string) => {
          stdout += chunk;
          return true;
        },
      },
      stderr: {
        write: (chunk: string) => {
          stderr += chunk;
          return true;
        },
      },
      cwd: dir,
    };
    const code = await main(['node', 'assent', ...args], io);
    return { code, stdout, stderr };
  };

  it('passes translations through `consultation create` and `update`, and shows them with --lang', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-languages-'));
    try {
      fs.writeFileSync(path.join(dir, 'circular.json'), JSON.stringify(translatedInput()));
      const created = await run(dir, ['consultation', 'create', '--file', 'circular.json', '--json']);
      expect(created.stderr).toBe('');
      expect(JSON.parse(created.stdout)).toMatchObject({
        languageOfRecord: 'en',
        translations: { fr: { subject: FR_SUBJECT } },
      });

      fs.writeFileSync(
        path.join(dir, 'patch.json'),
        JSON.stringify({ translations: { fr: { subject: 'Objet modifié', reference: 'Circulaire TSB 79' } } }),
      );
      const updated = await run(dir, ['consultation', 'update', 'tsb-79-2023', '--file', 'patch.json']);
      expect(updated.code).toBe(0);
      expect(updated.stdout).toContain('Updated draft consultation tsb-79-2023: translations.');

      const shown = await run(dir, ['consultation', 'show', 'tsb-79-2023', '--lang', 'fr']);
      expect(shown.stdout).toContain('Objet modifié');
      expect(shown.stdout.split('\n')[0]).toBe('Circulaire TSB 79 (tsb-79-2023)');
      expect(shown.stdout).toContain('Déploiement sans intervention');
      expect(shown.stdout).toContain(
        'Not yet available in fr; shown in en: meetingPlace, collectiveLetter, addressees, copies, notes, X.1333 Cor.1 title, X.1471 title, X.1471 summary.',
      );
      const json = JSON.parse(
        (await run(dir, ['consultation', 'show', 'tsb-79-2023', '--json', '--lang', 'fr'])).stdout,
      ) as ConsultationView;
      expect(json).toMatchObject({ subject: 'Objet modifié', requestedLanguage: 'fr' });

      const badLang = await run(dir, ['consultation', 'show', 'tsb-79-2023', '--lang', 'de']);
      expect(badLang.code).not.toBe(0);
      expect(badLang.stderr).toContain('six UN languages');
      fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ translations: { en: { subject: 'x' } } }));
      const refused = await run(dir, ['consultation', 'update', 'tsb-79-2023', '--file', 'bad.json']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('/translations/en');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('content in several languages (CLI help)', () => {
  it('documents the translations input in `consultation create --help`', async () => {
    let stdout = '';
    const io = {
      env: {},
      stdout: {
        write: (c: string) => {
          stdout += c;
          return true;
        },
      },
      stderr: { write: () => true },
      cwd: os.tmpdir(),
    };
    await main(['node', 'assent', 'consultation', 'create', '--help'], io);
    expect(stdout).toContain('"translations": { "fr": { "subject"');
    expect(stdout).toContain('languageOfRecord');
  });
});
