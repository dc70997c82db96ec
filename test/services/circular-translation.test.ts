import { expect, it } from 'vitest';
import { localiseConsultation } from '../../src/domain/consultation/localise.js';
import { createConsultation } from '../../src/services/create-consultation.js';
import { getConsultation } from '../../src/services/get-consultation.js';
import { issueConsultation } from '../../src/services/issue-consultation.js';
import { listAuditEvents } from '../../src/services/list-audit-events.js';
import {
  exportCircularTranslation,
  importCircularTranslation,
} from '../../src/services/translations/circular-review.js';
import { describeEachDialect } from '../helpers/databases.js';
import { consultationInput, SECRETARIAT, useWorld } from '../helpers/world.js';

/**
 * A circular's translatable fields through XLIFF 2.0 (issue 20): export from the language of
 * record, a language service's translation imported back through the services that change a
 * draft, checked whole, audited, refused once the circular is issued.
 */

/** Runs `fn` and returns what it throws. */
async function refusal(fn: () => Promise<unknown>) {
  try {
    await fn();
  } catch (error) {
    return error as { code: string; errors: readonly { field: string; code?: string; message: string }[] };
  }
  throw new Error('expected a refusal');
}

/** The file with unit `id` translated as `target`. */
function translate(xliff: string, id: string, target: string): string {
  const unit = new RegExp(`<unit id="${id.replace(/\./g, '\\.')}">[\\s\\S]*?</unit>`).exec(xliff)![0];
  const translated = unit
    .replace(/<segment state="[a-z]+">/, '<segment state="reviewed">')
    .replace(/<target xml:space="preserve">[\s\S]*?<\/target>\n/, '')
    .replace(/(<source[^>]*>[\s\S]*?<\/source>)/, `$1\n        <target xml:space="preserve">${target}</target>`);
  return xliff.replace(unit, translated);
}

describeEachDialect('a circular’s translation in XLIFF', (dialect) => {
  const world = useWorld(dialect);

  async function draft(): Promise<string> {
    const created = await createConsultation(world().ctx, {
      actor: SECRETARIAT,
      input: consultationInput({ translations: { es: { subject: 'Consulta' } } }),
    });
    return created.id;
  }

  it('exports the subject and the texts’ titles and summaries, and imports a translation back, audited', async () => {
    const id = await draft();
    const { xliff, units } = await exportCircularTranslation(world().ctx, {
      actor: SECRETARIAT,
      consultationId: id,
      locale: 'fr',
    });
    expect(xliff).toContain('srcLang="en" trgLang="fr"');
    expect(xliff).toContain(`<file id="${id}" original="consultation:${id}" canResegment="no">`);
    expect(xliff).toContain(
      '<source xml:space="preserve">Member State consultation on determined draft Recommendations</source>',
    );
    expect(xliff).toContain('<unit id="text.x1353.summary">');
    expect(xliff).not.toContain('<unit id="text.x1333-cor1.summary">'); // a corrigendum without a summary
    // The circular's own fields it fills: subject, reference, place, collective letter, one
    // addressee, one copy, one note; then three titles and two summaries.
    expect(units).toBe(7 + 5);
    for (const id of ['reference', 'meetingPlace', 'collectiveLetter', 'addressees.0', 'copies.0', 'notes.0'])
      expect(xliff).toContain(`<unit id="${id}">`);

    let translated = translate(xliff, 'subject', 'Consultation des États Membres &amp; projets');
    translated = translate(translated, 'reference', 'Circulaire TSB 79');
    translated = translate(translated, 'addressees.0', 'Administrations des Etats Membres de l’Union');
    translated = translate(translated, 'text.x1353.title', 'Déploiement sans intervention');
    const result = await importCircularTranslation(world().ctx, {
      actor: SECRETARIAT,
      xliff: translated,
      reviewer: 'Section française',
    });
    const changed = ['subject', 'reference', 'addressees.0', 'text.x1353.title'];
    expect(result).toEqual({ consultationId: id, locale: 'fr', changed });

    const { loaded } = await getConsultation(world().ctx, { actor: SECRETARIAT, consultationId: id });
    expect(loaded.consultation.translations).toEqual({
      es: { subject: 'Consulta' },
      fr: {
        subject: 'Consultation des États Membres & projets',
        reference: 'Circulaire TSB 79',
        addressees: ['Administrations des Etats Membres de l’Union'],
      },
    });
    expect(loaded.texts.find((t) => t.id === 'x1353')!.translations).toEqual({
      fr: { title: 'Déploiement sans intervention' },
    });
    // Rendered: the circular as a French reader gets it.
    const french = localiseConsultation(loaded.consultation, loaded.texts, 'fr');
    expect(JSON.stringify(french)).toContain('Consultation des États Membres & projets');

    const audit = await listAuditEvents(world().ctx, { actor: SECRETARIAT, consultationId: id });
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(['consultation.updated', 'text.updated', 'translation.imported']),
    );
    expect(audit.find((e) => e.action === 'translation.imported')!.data).toEqual({
      locale: 'fr',
      reviewer: 'Section française',
      units: changed,
    });

    // Exported again, the translation is there; the unchanged file changes nothing.
    const again = await exportCircularTranslation(world().ctx, {
      actor: SECRETARIAT,
      consultationId: id,
      locale: 'fr',
    });
    expect(again.xliff).toContain('<target xml:space="preserve">Déploiement sans intervention</target>');
    const none = await importCircularTranslation(world().ctx, {
      actor: SECRETARIAT,
      xliff: again.xliff,
      reviewer: 'X',
    });
    expect(none.changed).toEqual([]);
  });

  it('refuses the whole file on any problem, each at its unit, and changes nothing', async () => {
    const id = await draft();
    const { xliff } = await exportCircularTranslation(world().ctx, {
      actor: SECRETARIAT,
      consultationId: id,
      locale: 'fr',
    });
    let bad = translate(xliff, 'subject', 'Sujet');
    bad = translate(bad, 'text.x1353.title', '   ');
    bad = bad.replace('<unit id="text.x1471.title">', '<unit id="text.x9999.title">');
    bad = bad.replace(
      '<source xml:space="preserve">A summary.</source>',
      '<source xml:space="preserve">Another.</source>',
    );
    const refused = await refusal(() =>
      importCircularTranslation(world().ctx, { actor: SECRETARIAT, xliff: bad, reviewer: 'X' }),
    );
    expect(refused.code).toBe('VALIDATION_FAILED');
    expect(refused.errors.map((p) => [p.field, p.code])).toEqual([
      [`${id}/text.x1353.summary`, 'XLIFF_SOURCE_CHANGED'],
      [`${id}/text.x9999.title`, 'XLIFF_UNKNOWN_UNIT'],
      [`${id}/text.x1353.title`, 'MESSAGE_EMPTY'],
    ]);
    const wrong = await refusal(() =>
      importCircularTranslation(world().ctx, {
        actor: SECRETARIAT,
        xliff: xliff.replace('trgLang="fr"', 'trgLang="en"'),
        reviewer: 'X',
      }),
    );
    expect(wrong.errors.map((p) => [p.field, p.code])).toEqual([['xliff/@trgLang', 'XLIFF_WRONG_LANGUAGE']]);
    const { loaded } = await getConsultation(world().ctx, { actor: SECRETARIAT, consultationId: id });
    expect(loaded.consultation.translations).toEqual({ es: { subject: 'Consulta' } });
  });

  it('applies a file whole or not at all: a step refused after another succeeded leaves nothing changed', async () => {
    const id = await draft();
    const { xliff } = await exportCircularTranslation(world().ctx, {
      actor: SECRETARIAT,
      consultationId: id,
      locale: 'fr',
    });
    const before = await listAuditEvents(world().ctx, { actor: SECRETARIAT, consultationId: id });
    // The circular's fields are fine; a title over the 1,000 characters a title may have is refused
    // by the text's service, which runs after the circular's own fields were written.
    let file = translate(xliff, 'subject', 'Sujet');
    file = translate(file, 'text.x1471.title', 'T'.repeat(1001));
    const refused = await refusal(() =>
      importCircularTranslation(world().ctx, { actor: SECRETARIAT, xliff: file, reviewer: 'X' }),
    );
    expect(refused.code).toBe('VALIDATION_FAILED');
    const { loaded } = await getConsultation(world().ctx, { actor: SECRETARIAT, consultationId: id });
    expect(loaded.consultation.translations).toEqual({ es: { subject: 'Consulta' } });
    const after = await listAuditEvents(world().ctx, { actor: SECRETARIAT, consultationId: id });
    expect(after.length).toBe(before.length);
  });

  it('refuses a translation once the circular is issued, as the services do', async () => {
    const id = await draft();
    const { xliff } = await exportCircularTranslation(world().ctx, {
      actor: SECRETARIAT,
      consultationId: id,
      locale: 'fr',
    });
    await issueConsultation(world().ctx, { actor: SECRETARIAT, consultationId: id });
    const refused = await refusal(() =>
      importCircularTranslation(world().ctx, {
        actor: SECRETARIAT,
        xliff: translate(xliff, 'subject', 'Sujet'),
        reviewer: 'X',
      }),
    );
    expect(refused.code).toBe('CONSULTATION_ISSUED');
  });
});
