import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOnPath } from '../../src/cli/commands/doctor.js';
import type { FormIdentity, FormStamp } from '../../src/documents/form-identity.js';
import { readReturnedForm } from '../../src/documents/read-returned-form.js';
import { formIdentity } from '../../src/documents/reply-form.js';
import type { Locale } from '../../src/i18n/i18n.js';
import { findConsultation, listTexts } from '../../src/repositories/consultation.repository.js';
import { PUBLIC_ACTOR } from '../../src/domain/policy/actor.js';
import { mutableClock } from '../../src/domain/time/clock.js';
import { listReplyVersions } from '../../src/repositories/reply.repository.js';
import { generateDocument } from '../../src/services/documents/generate-document.js';
import { seedDemo } from '../../src/services/seed-demo.js';
import { serviceContext, type ServiceContext } from '../../src/services/service-context.js';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { SECRETARIAT } from '../helpers/world.js';
import { edited, fill, tick } from './form-filling.js';

/**
 * A reply form returned as a Word file is read back (issue 18, part 2): the blank Annex 2 of
 * Circular 79 is generated, ticked as an Administration would tick it in Word (the check boxes'
 * XML, as Word writes it), and read back to the boxes ticked; Assent's own filled forms read back
 * to the stored reply; contradictions and missing boxes are flagged, foreign and broken files
 * refused with their reason. Content does not depend on the database: SQLite only.
 */

const CIRCULAR = 'tsb-79-2023';

const SIGNED = {
  'signatory.name': 'Kim Min-jun',
  'signatory.title': 'Director-General, Ministry of Science and ICT',
  state: 'Republic of Korea',
  placeDate: 'Sejong, 10 August 2023',
};

describe('a reply form returned as a Word file', () => {
  let database: TestDatabase;
  let ctx: ServiceContext;
  let blank: Uint8Array;
  /** What the forms of Circular 79 offer, rebuilt from the data as the intake does. */
  let identityOf: (stamp: FormStamp) => FormIdentity | null;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    ctx = serviceContext(database.db, mutableClock('2023-09-05T10:00:00Z').now);
    await seedDemo(ctx);
    blank = (
      await generateDocument(ctx, { actor: PUBLIC_ACTOR, consultationId: CIRCULAR, kind: 'circular', format: 'docx' })
    ).bytes;
    const consultation = (await findConsultation(ctx.db, CIRCULAR))!.consultation;
    const texts = await listTexts(ctx.db, CIRCULAR);
    identityOf = (stamp) =>
      stamp.consultationId === CIRCULAR ? formIdentity(stamp.locale as Locale, consultation, texts) : null;
  }, 60_000);
  afterAll(async () => database?.destroy());

  it('names its consultation, its procedure and the boxes of each text; untouched, every text has no box ticked', async () => {
    const reading = await readReturnedForm(blank, identityOf, CIRCULAR);
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.identity).toMatchObject({
      format: 'assent-form/1',
      consultationId: CIRCULAR,
      procedure: 'itu-t-tap',
    });
    expect(reading.identity.texts.map((t) => t.id)).toEqual([
      'x1333-cor1',
      'x1353',
      'x1471',
      'x1645',
      'x1771',
      'x1817',
    ]);
    expect(reading.identity.texts[0]!.choices).toEqual([
      { id: 'assigns_authority', options: ['no_comments', 'comments_attached'] },
      { id: 'does_not_assign_authority', options: [] },
    ]);
    expect(reading.texts.every((t) => t.position === null && t.flags.join() === 'NO_BOX_TICKED')).toBe(true);
    expect(reading.unknownBoxes).toEqual([]);
    // The fields to fill in, each still its placeholder: nothing typed.
    expect(reading.identity.fields).toEqual({
      'from.name': '[Name]',
      'from.title': '[Official role/title]',
      'from.address': '[Address]',
      placeDate: '[Place,] [Date]',
      'signatory.name': '[Name]',
      'signatory.title': '[Official role/title]',
      state: '[Member State]',
    });
    expect(Object.values(reading.fields).every((value) => value === null)).toBe(true);
    expect(reading.missingFields).toEqual([]);
  });

  it('reads the boxes an Administration ticked, text by text, with the sub-option, and what it typed in the fields', async () => {
    const filled = tick(fill(blank, SIGNED), [
      'assent:x1333-cor1:assigns_authority',
      'assent:x1333-cor1:assigns_authority:no_comments',
      'assent:x1353:assigns_authority',
      'assent:x1353:assigns_authority:comments_attached',
      'assent:x1471:does_not_assign_authority',
    ]);
    const reading = await readReturnedForm(filled, identityOf, CIRCULAR);
    expect(reading.ok && reading.texts.slice(0, 3)).toEqual([
      { textId: 'x1333-cor1', position: 'assigns_authority', option: 'no_comments', flags: [] },
      { textId: 'x1353', position: 'assigns_authority', option: 'comments_attached', flags: [] },
      { textId: 'x1471', position: 'does_not_assign_authority', option: null, flags: [] },
    ]);
    expect(reading.ok && reading.fields).toEqual({
      'from.name': null,
      'from.title': null,
      'from.address': null,
      ...SIGNED,
    });
  });

  it('flags, never guesses: both boxes, an option without its box or none, several options, boxes deleted', async () => {
    let form = tick(blank, [
      'assent:x1333-cor1:assigns_authority',
      'assent:x1333-cor1:does_not_assign_authority',
      'assent:x1353:does_not_assign_authority',
      'assent:x1353:assigns_authority:no_comments',
      'assent:x1471:assigns_authority',
      'assent:x1645:assigns_authority',
      'assent:x1645:assigns_authority:no_comments',
      'assent:x1645:assigns_authority:comments_attached',
    ]);
    // X.1771's refusal box replaced by a typed mark: its content control is gone.
    form = edited(form, (xml) =>
      xml.replace(
        /<w:sdt><w:sdtPr><w:alias [^>]*\/><w:tag w:val="assent:x1771:does_not_assign_authority"\/>[\s\S]*?<\/w:sdt>/,
        '<w:r><w:t>X</w:t></w:r>',
      ),
    );
    const reading = await readReturnedForm(form, identityOf);
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    const of = (id: string) => reading.texts.find((t) => t.textId === id)!;
    expect(of('x1333-cor1')).toEqual({
      textId: 'x1333-cor1',
      position: null,
      option: null,
      flags: ['SEVERAL_BOXES_TICKED'],
    });
    expect(of('x1353')).toEqual({
      textId: 'x1353',
      position: 'does_not_assign_authority',
      option: null,
      flags: ['OPTION_WITHOUT_BOX'],
    });
    expect(of('x1471')).toMatchObject({ position: 'assigns_authority', option: null, flags: ['OPTION_MISSING'] });
    expect(of('x1645')).toMatchObject({
      position: 'assigns_authority',
      option: null,
      flags: ['SEVERAL_OPTIONS_TICKED'],
    });
    expect(of('x1771')).toMatchObject({ position: null, flags: ['BOXES_MISSING', 'NO_BOX_TICKED'] });
  });

  it('refuses, with the reason, what is not a returned form of this consultation', async () => {
    const foreign = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph('Our reply: yes')] }] }),
    );
    const cases: [Uint8Array, string | undefined, string][] = [
      [Buffer.from('%PDF-1.4 not a Word file'), CIRCULAR, 'NOT_A_FORM_DOCUMENT'],
      [zipSync({ 'readme.txt': strToU8('a ZIP, not a DOCX') }), CIRCULAR, 'NOT_A_FORM_DOCUMENT'],
      [foreign, CIRCULAR, 'NOT_AN_ASSENT_FORM'],
      [blank, 'demo-tap', 'OTHER_CONSULTATION'],
      // Every box gone (replaced by typed marks).
      [
        edited(blank, (xml) => xml.replace(/<w:sdt>[\s\S]*?<\/w:sdt>/g, '<w:r><w:t>X</w:t></w:r>')),
        CIRCULAR,
        'FORM_EDITED',
      ],
      // The boxes' tags lost (as LibreOffice saves them) and one box deleted: they cannot be told apart by position.
      [
        edited(blank, (xml) =>
          xml
            .replace(/<w:tag w:val="assent:[^"]*"\/>/g, '')
            .replace(/<w:sdt><w:sdtPr><w:alias [^>]*\/><w14:checkbox>[\s\S]*?<\/w:sdt>/, ''),
        ),
        CIRCULAR,
        'FORM_EDITED',
      ],
    ];
    for (const [bytes, expected, refusal] of cases) {
      const reading = await readReturnedForm(bytes, identityOf, expected);
      expect(reading.ok, refusal).toBe(false);
      if (!reading.ok) {
        expect(reading.refusal).toBe(refusal);
        expect(reading.detail.length).toBeGreaterThan(20);
      }
    }
  });

  it('stamps the form with a short property (Word keeps 255 characters of one), and reads a long crafted document in linear time', async () => {
    const custom = strFromU8(unzipSync(blank)['docProps/custom.xml']!);
    const value = /<vt:lpwstr>([^<]*)<\/vt:lpwstr>/.exec(custom)![1]!.replace(/&quot;/g, '"');
    expect(JSON.parse(value)).toEqual({ format: 'assent-form/1', consultationId: CIRCULAR, locale: 'en' });
    expect(value.length).toBeLessThan(255);
    // Two megabytes of controls that never close: every pattern stops at the next opening tag.
    const crafted = edited(blank, (xml) =>
      xml.replace('</w:body>', `${'<w:sdt><w:sdtPr><w:text/>'.repeat(80_000)}</w:body>`),
    );
    const reading = await readReturnedForm(crafted, identityOf, CIRCULAR);
    expect(reading.ok).toBe(true);
  });

  it('reads the boxes by their place in the form when a word processor dropped their tags, and only then', async () => {
    const ticked = tick(blank, ['assent:x1471:does_not_assign_authority']);
    const untagged = edited(ticked, (xml) => xml.replace(/<w:tag w:val="assent:[^"]*"\/>/g, ''));
    const reading = await readReturnedForm(untagged, identityOf, CIRCULAR);
    expect(reading.ok && reading.texts.find((t) => t.textId === 'x1471')).toEqual({
      textId: 'x1471',
      position: 'does_not_assign_authority',
      option: null,
      flags: [],
    });
  });

  it('reads Assent’s own filled form of a State back to the reply stored', async () => {
    for (const state of ['US', 'BR', 'CN']) {
      const [version] = await listReplyVersions(ctx.db, CIRCULAR, state);
      const form = await generateDocument(ctx, {
        actor: SECRETARIAT,
        consultationId: CIRCULAR,
        kind: 'reply',
        memberState: state,
        format: 'docx',
      });
      const reading = await readReturnedForm(form.bytes, identityOf, CIRCULAR);
      expect(reading.ok, state).toBe(true);
      if (!reading.ok) continue;
      const stored = new Map(version!.positions.map((p) => [p.text, p]));
      for (const text of reading.texts) {
        const position = stored.get(text.textId);
        expect(text.position, `${state} ${text.textId}`).toBe(position?.position ?? null);
        expect(text.option, `${state} ${text.textId}`).toBe(position?.option ?? null);
      }
    }
  });

  const soffice = findOnPath(process.env, ['soffice']);
  it.skipIf(soffice === null)(
    'reads a form ticked and saved again in LibreOffice, which keeps the identity and drops the boxes’ tags',
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-returned-'));
      try {
        const ticked = tick(fill(blank, SIGNED), [
          'assent:x1353:assigns_authority',
          'assent:x1353:assigns_authority:no_comments',
        ]);
        const input = path.join(dir, 'in', 'form.docx');
        fs.mkdirSync(path.dirname(input));
        fs.writeFileSync(input, ticked);
        execFileSync(
          soffice!,
          [
            '--headless',
            '--norestore',
            `-env:UserInstallation=file://${dir}/profile`,
            '--convert-to',
            'docx:MS Word 2007 XML',
            '--outdir',
            dir,
            input,
          ],
          { timeout: 120_000, stdio: 'ignore' },
        );
        const reading = await readReturnedForm(fs.readFileSync(path.join(dir, 'form.docx')), identityOf, CIRCULAR);
        expect(reading.ok && reading.texts.find((t) => t.textId === 'x1353')).toEqual({
          textId: 'x1353',
          position: 'assigns_authority',
          option: 'no_comments',
          flags: [],
        });
        // LibreOffice drops the fields' tags too: they are read by their place in the form.
        expect(reading.ok && reading.fields).toMatchObject(SIGNED);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    180_000,
  );
  if (soffice === null)
    console.warn('[assent] soffice not found: the LibreOffice round trip of a returned form is skipped');
});
