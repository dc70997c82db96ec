import { describe, expect, it } from 'vitest';
import type { DocumentKind } from '../../src/documents/document.js';
import { renderPrintHtml } from '../../src/documents/print/document.print.js';
import { PUBLIC_ACTOR } from '../../src/domain/policy/actor.js';
import { LOCALES } from '../../src/i18n/i18n.js';
import { prepareDocument } from '../../src/services/documents/prepare-document.js';
import { ENGLISH_FRAGMENTS, enteredInWorld, untranslated, visibleText } from '../helpers/untranslated.js';
import { SECRETARIAT, useWorld } from '../helpers/world.js';
import {
  ID,
  issueNotice,
  KR_CHANGES,
  KR_COMMENTS,
  KR_AT,
  KR_REASONS,
  openWithReplies,
  RESERVATION,
  recordDecisions,
  recordLateReply,
} from './scenario.js';

/**
 * Every document in each of the six languages, read in its logical content (the print view both
 * the PDF and, through the same content model, the DOCX render): the circular with its blank
 * reply form (Annex 2), a filled reply form and its receipt for a reply sent online and for one
 * recorded from a fax, the results report and the results notice. No ISO timestamp, no raw code,
 * and outside English no English fragment, outside what the secretariat and the States typed
 * (issue 20). SQLite only: the content does not depend on the database.
 */

/** What the secretariat and the States typed (scenario.ts): theirs, in the language they wrote it. */
function enteredContent(): string[] {
  return [
    ...enteredInWorld(),
    'Director-General',
    KR_COMMENTS,
    KR_REASONS,
    KR_CHANGES,
    RESERVATION,
    'comments-kr.txt',
    'fax-za.pdf',
    // Not typed, but quoted on purpose: the receipt gives each version's instant in words and then
    // verbatim as the signed receipt (JSON) holds it, to be checked against it like the hash
    // (documents-service and languages tests).
    new Date(KR_AT).toISOString(),
    '2023-08-17T06:00:00.000Z',
  ];
}

describe('documents in the six languages [sqlite]', () => {
  const world = useWorld('sqlite');

  it('show no ISO timestamp, raw code or English fragment outside what people typed', async () => {
    await openWithReplies(world());
    await recordLateReply(world(), ID);
    await recordDecisions(world(), ID);
    await issueNotice(world(), ID);
    const documents: [DocumentKind, string?][] = [
      ['circular'],
      ['reply', 'KR'],
      ['reply', 'ZA'],
      ['receipt', 'KR'],
      ['receipt', 'ZA'],
      ['results-report'],
      ['results-notice'],
    ];
    const entered = enteredContent();
    const failures: string[] = [];
    let englishSeen = 0;
    for (const locale of LOCALES)
      for (const [kind, memberState] of documents) {
        const actor = kind === 'circular' ? PUBLIC_ACTOR : SECRETARIAT;
        const prepared = await prepareDocument(world().ctx, {
          actor,
          consultationId: ID,
          kind,
          locale,
          format: 'pdf',
          ...(memberState && { memberState }),
        });
        const text = visibleText(renderPrintHtml(await prepared.content()));
        if (locale === 'en') englishSeen += ENGLISH_FRAGMENTS.filter((fragment) => text.includes(fragment)).length;
        for (const found of untranslated(text, locale, entered))
          failures.push(`${locale} ${kind}${memberState ? ` ${memberState}` : ''}: ${found}`);
      }
    expect(failures).toEqual([]);
    // The fragment check sees English where English is written.
    expect(englishSeen).toBeGreaterThan(50);
  });
});
