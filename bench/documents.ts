import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { migrateToLatest, openDatabase } from '../src/db/connect.js';
import { createPdfEngine } from '../src/documents/pdf.js';
import { renderDocument } from '../src/documents/render.js';
import { PUBLIC_ACTOR } from '../src/domain/policy/actor.js';
import { mutableClock } from '../src/domain/time/clock.js';
import { prepareDocument } from '../src/services/documents/prepare-document.js';
import { seedDemo } from '../src/services/seed-demo.js';
import { serviceContext } from '../src/services/service-context.js';
import type { DocumentBenchResult, DocumentTiming } from './bench-result.js';

/**
 * Warm generation time of TSB Circular 79 (letter, Annex 1 with six summaries, Annex 2 with six
 * texts) as DOCX and as PDF, in this process, on the demo data in a temporary SQLite database:
 * each run reads the consultation, builds the content and renders it, as a request for a
 * circular not yet stored does (the store is bypassed, or every run after the first would only
 * read the stored bytes). The first PDF, which also starts Chromium, is reported apart; the
 * figure is the median of the runs after `warmups` discarded ones.
 */
export async function runDocumentBench(options: {
  runs: number;
  warmups?: number;
  log?: (line: string) => void;
}): Promise<DocumentBenchResult> {
  const log = options.log ?? (() => undefined);
  const warmups = options.warmups ?? 2;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-bench-documents-'));
  const db = openDatabase({ kind: 'sqlite', file: path.join(dir, 'assent.db') });
  const engine = createPdfEngine();
  try {
    await migrateToLatest(db);
    const ctx = serviceContext(db, mutableClock('2023-04-01T10:00:00Z').now);
    await seedDemo(ctx);
    const location = await engine.locate();
    const once = async (format: 'docx' | 'pdf') => {
      const started = performance.now();
      const prepared = await prepareDocument(ctx, {
        actor: PUBLIC_ACTOR,
        consultationId: 'tsb-79-2023',
        kind: 'circular',
        format,
      });
      const document = await renderDocument(await prepared.content(), prepared.target, engine);
      return { ms: performance.now() - started, bytes: document.bytes.length };
    };
    const timing = async (format: 'docx' | 'pdf'): Promise<DocumentTiming> => {
      const first = await once(format);
      for (let i = 1; i < warmups; i++) await once(format);
      const runsMs: number[] = [];
      let bytes = first.bytes;
      for (let i = 0; i < options.runs; i++) {
        const run = await once(format);
        runsMs.push(Math.round(run.ms * 10) / 10);
        bytes = run.bytes;
      }
      const sorted = [...runsMs].sort((a, b) => a - b);
      const mid = Math.floor(sorted.length / 2);
      const medianMs =
        sorted.length % 2 === 1 ? sorted[mid]! : Math.round(((sorted[mid - 1]! + sorted[mid]!) / 2) * 10) / 10;
      log(
        `  circular ${format}: first ${first.ms.toFixed(0)} ms, median of ${options.runs} warm runs ${medianMs} ms (${bytes} bytes)`,
      );
      return { firstMs: Math.round(first.ms), medianMs, runsMs, bytes };
    };
    const docx = await timing('docx');
    const pdf = location ? await timing('pdf') : null;
    if (!location) log('  no Chromium: the PDF was not measured');
    return {
      measuredAt: new Date().toISOString(),
      document: 'TSB Circular 79 (demo data): letter, Annex 1, Annex 2',
      warmups,
      runs: options.runs,
      chromium: location ? `${location.source}` : null,
      docx,
      pdf,
    };
  } finally {
    await engine.close();
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
