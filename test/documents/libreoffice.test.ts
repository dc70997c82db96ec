import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOnPath } from '../../src/cli/commands/doctor.js';
import type { DocumentKind } from '../../src/documents/document.js';
import { generateDocument } from '../../src/services/documents/generate-document.js';
import { describeEachDialect } from '../helpers/databases.js';
import { SECRETARIAT, useWorld } from '../helpers/world.js';
import { normalise, pdfText } from './document-harness.js';
import { ID, issueNotice, openWithReplies, recordDecisions, recordLateReply } from './scenario.js';

/**
 * Proof that every generated DOCX opens in a word processor other than the one it was written
 * for: LibreOffice converts each to PDF, and the PDF says what the document says. LibreOffice is
 * not a dependency of Assent; where `soffice` is not installed these tests are skipped, and say so.
 */

/** Converts a DOCX file to PDF in `dir` with LibreOffice; the PDF's path, or null when none was written. */
function convertToPdf(soffice: string, dir: string, file: string): string | null {
  try {
    execFileSync(
      soffice,
      [
        '--headless',
        '--norestore',
        `-env:UserInstallation=file://${dir}/profile`,
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        file,
      ],
      { timeout: 120_000, stdio: 'ignore' },
    );
  } catch {
    return null;
  }
  const converted = file.replace(/\.docx$/, '.pdf');
  return fs.existsSync(converted) ? converted : null;
}

/**
 * Whether this LibreOffice converts a DOCX at all: one installed without its word processor
 * (Debian's libreoffice-calc-nogui alone, say) has `soffice` but writes no PDF of any DOCX, which
 * says nothing of Assent's files. Probed with the smallest DOCX the `docx` package writes.
 */
async function convertsDocx(soffice: string): Promise<boolean> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-soffice-probe-'));
  try {
    const file = path.join(dir, 'probe.docx');
    const probe = new Document({ sections: [{ children: [new Paragraph('probe')] }] });
    fs.writeFileSync(file, await Packer.toBuffer(probe));
    return convertToPdf(soffice, dir, file) !== null;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const found = findOnPath(process.env, ['soffice', 'libreoffice']);
const soffice = found !== null && (await convertsDocx(found)) ? found : null;
if (!found)
  console.warn(
    '\n[assent] LibreOffice (soffice) is not installed: the DOCX files are NOT opened with it in this run (test/documents/libreoffice.test.ts is skipped).\n',
  );
else if (!soffice)
  console.warn(
    `\n[assent] LibreOffice (${found}) converts no DOCX (is its word processor, Writer, installed? On Debian: apt-get install libreoffice-writer-nogui): test/documents/libreoffice.test.ts is skipped.\n`,
  );

const EXPECTED: Readonly<Record<DocumentKind, string>> = {
  circular:
    'Member States are kindly requested to complete and return the form in Annex 2 by 2359 hours UTC on 16 August 2023.',
  reply: 'Reply of Korea (Republic of) to TSB Circular 79',
  receipt: 'Receipt of a reply to TSB Circular 79',
  'results-report': '5 Member States replied by the deadline.',
  'results-notice': 'Results of TSB Circular 79: approval of the determined texts',
};

describe.skipIf(!soffice)(
  `every DOCX opens in LibreOffice (${soffice ?? 'skipped: no soffice that converts a DOCX'})`,
  () => {
    let dir: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-soffice-'));
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    describeEachDialect('documents of a consultation taken through its life', (dialect) => {
      const world = useWorld(dialect);
      it('converts the circular, a reply, a receipt, the results report and the results notice to PDF, each saying what the document says', {
        timeout: 300_000,
      }, async () => {
        await openWithReplies(world());
        await recordLateReply(world(), ID);
        await recordDecisions(world(), ID);
        await issueNotice(world(), ID);
        for (const kind of Object.keys(EXPECTED) as DocumentKind[]) {
          const state = kind === 'reply' || kind === 'receipt' ? { memberState: 'KR' } : {};
          const document = await generateDocument(world().ctx, {
            actor: SECRETARIAT,
            consultationId: ID,
            kind,
            format: 'docx',
            ...state,
          });
          const file = path.join(dir, `${dialect}-${document.filename}`);
          fs.writeFileSync(file, document.bytes);
          const converted = convertToPdf(soffice!, dir, file);
          expect(converted, `${kind}: LibreOffice wrote no PDF`).not.toBeNull();
          expect(normalise(await pdfText(fs.readFileSync(converted!)))).toContain(EXPECTED[kind]);
        }
      });
    });
  },
);
