import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { computeResults } from '../../src/services/compute-results.js';
import { generateDocument } from '../../src/services/documents/generate-document.js';
import { recordDecision } from '../../src/services/record-decision.js';
import { submitReply } from '../../src/services/submit-reply.js';
import { describeEachDialect } from '../helpers/databases.js';
import { DEADLINE, focalPoint, replyInput, SECRETARIAT, useWorld } from '../helpers/world.js';
import { statesThatMayReply } from './probes.js';

/** A position's detail as a forger would write it (repositories/procedure-records.ts). */
const FORGED_DECISION = JSON.stringify({
  deferred: false,
  opposing: ['FR'],
  abstaining: [],
  reservations: [],
  moreTime: [],
  formalOppositions: [],
});
const FORGED_DETAIL = JSON.stringify({ option: null, comments: null, reasons: 'forged', possibleChanges: null });

const ID = 'tsb-79-2023';
/** During the meeting (2023-08-29 to 2023-09-08), after the deadline. */
const AT_MEETING = '2023-08-30T10:00:00Z';

/**
 * Finding 4 of the attack test: `assent audit verify` checked only the audit table, so a reply
 * position, a meeting decision or a counted flag edited in the database changed the results
 * unnoticed. Each test edits one record directly, as someone with the database would, and expects
 * the verification to fail naming the table and the row.
 */
describeEachDialect('records that decide an outcome, against the audit trail', (dialect) => {
  const world = useWorld(dialect);
  const folders: string[] = [];
  afterEach(() => {
    for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Ten replies (KR amends once), the deadline passed, the meeting's decision on X.1353 recorded. */
  async function decidedConsultation() {
    const { ctx, clock, openConsultation } = world();
    await openConsultation();
    clock.set('2023-05-01T10:00:00Z');
    const others = statesThatMayReply(20).filter((s) => !['KR', 'FR', 'DE'].includes(s));
    for (const state of ['KR', 'FR', 'DE', ...others.slice(0, 7)])
      await submitReply(ctx, {
        actor: focalPoint(state),
        consultationId: ID,
        memberState: state,
        input: replyInput(),
        channel: 'api',
      });
    clock.set('2023-05-02T10:00:00Z');
    await submitReply(ctx, {
      actor: focalPoint('KR'),
      consultationId: ID,
      memberState: 'KR',
      input: replyInput(['x1353', 'x1471']),
      channel: 'api',
    });
    clock.set(AT_MEETING);
    await recordDecision(ctx, {
      actor: SECRETARIAT,
      consultationId: ID,
      textId: 'x1353',
      input: { opposing: [], reservations: [{ state: 'DE', note: 'Concerns on clause 7' }] },
    });
    return ctx;
  }

  /** `assent audit verify` against the test's database, as the operator runs it. */
  async function auditVerify(command = 'verify'): Promise<{ code: number; out: string }> {
    const { ctx, database } = world();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-records-cli-'));
    folders.push(dir);
    let out = '';
    const io = {
      write: (chunk: string) => {
        out += chunk;
        return true;
      },
    };
    const code = await main(['node', 'assent', 'audit', command], {
      env: {
        DATABASE_URL: database.url,
        DATA_DIR: dir,
        ASSENT_SECRET_KEY: ctx.secretKey.toString('base64'),
        LOG_LEVEL: 'silent',
      },
      stdout: io,
      stderr: io,
      cwd: dir,
    });
    return { code, out };
  }

  it('an untouched database verifies, records included', async () => {
    await decidedConsultation();
    const run = await auditVerify();
    expect(run.code, run.out).toBe(0);
    expect(run.out).toMatch(/records/i);
  });

  it('a reply position edited in the database is found and named (table and row)', async () => {
    const ctx = await decidedConsultation();
    await sql`update reply_position set position = 'does_not_assign_authority', detail = ${FORGED_DETAIL} where consultation_id = ${ID} and member_state = 'FR' and version = 1 and text_id = 'x1353'`.execute(
      ctx.db,
    );
    const run = await auditVerify();
    expect(run.code, run.out).toBe(1);
    expect(run.out).toContain(`reply_position ${ID}/FR/1/x1353`);
  });

  it('a counted flag moved in the database is found and named', async () => {
    const ctx = await decidedConsultation();
    // KR's first version no longer counts (its amendment does); mark it counted again.
    await sql`update reply_position set counted = 1 where consultation_id = ${ID} and member_state = 'KR' and version = 1`.execute(
      ctx.db,
    );
    const run = await auditVerify();
    expect(run.code, run.out).toBe(1);
    expect(run.out).toContain(`reply_position ${ID}/KR/1/x1333-cor1`);
    expect(run.out).toMatch(/counted/);
  });

  it("a reply's counted version pointer changed in the database is found and named", async () => {
    const ctx = await decidedConsultation();
    await sql`update reply set counted_version = 1 where consultation_id = ${ID} and member_state = 'KR'`.execute(
      ctx.db,
    );
    const run = await auditVerify();
    expect(run.code, run.out).toBe(1);
    expect(run.out).toContain(`reply ${ID}/KR`);
    expect(run.out).toMatch(/counted_version/);
  });

  it('a meeting decision edited in the database is found and named', async () => {
    const ctx = await decidedConsultation();
    await sql`update meeting_decision set decision = ${FORGED_DECISION} where consultation_id = ${ID} and text_id = 'x1353'`.execute(
      ctx.db,
    );
    const run = await auditVerify();
    expect(run.code, run.out).toBe(1);
    expect(run.out).toContain(`meeting_decision ${ID}/x1353`);
  });

  it('a reply version deleted from the database is found and named', async () => {
    const ctx = await decidedConsultation();
    await sql`delete from reply_position where consultation_id = ${ID} and member_state = 'FR'`.execute(ctx.db);
    await sql`delete from reply_version where consultation_id = ${ID} and member_state = 'FR'`.execute(ctx.db);
    await sql`delete from reply where consultation_id = ${ID} and member_state = 'FR'`.execute(ctx.db);
    const run = await auditVerify();
    expect(run.code, run.out).toBe(1);
    expect(run.out).toContain(`reply_version ${ID}/FR/1`);
  });

  it('an issued document whose bytes and SHA-256 were both replaced in the database is found and named', async () => {
    const ctx = await decidedConsultation();
    await generateDocument(ctx, {
      actor: SECRETARIAT,
      consultationId: ID,
      kind: 'circular',
      format: 'docx',
      locale: 'en',
    });
    const forged = Buffer.from('PK forged circular');
    const { createHash } = await import('node:crypto');
    await sql`update document set content = ${forged}, sha256 = ${createHash('sha256').update(forged).digest('hex')} where consultation_id = ${ID} and kind = 'circular'`.execute(
      ctx.db,
    );
    const run = await auditVerify();
    expect(run.code, run.out).toBe(1);
    expect(run.out).toContain(`document ${ID}/circular`);
  });

  it('a document stored before its audit row existed is reported until `assent audit baseline` records it; edits after that are found', async () => {
    const ctx = await decidedConsultation();
    // As an earlier release stored it: the row, no audit row.
    const bytes = Buffer.from('PK an earlier circular');
    const { createHash } = await import('node:crypto');
    await ctx.db
      .insertInto('document')
      .values({
        consultation_id: ID,
        kind: 'circular',
        subject: '',
        format: 'docx',
        locale: 'fr',
        sha256: createHash('sha256').update(bytes).digest('hex'),
        media_type: 'application/octet-stream',
        filename: 'circular.docx',
        size: bytes.length,
        content: bytes,
        created_at: 0,
        created_by: 'earlier-release',
      })
      .execute();
    const before = await auditVerify();
    expect(before.code).toBe(1);
    expect(before.out).toContain(`document ${ID}/circular/docx/fr`);
    expect(before.out).toContain('assent audit baseline');
    const baseline = await auditVerify('baseline');
    expect(baseline.code, baseline.out).toBe(0);
    expect(baseline.out).toContain('1 document(s)');
    const after = await auditVerify();
    expect(after.code, after.out).toBe(0);
    await sql`update document set content = ${Buffer.from('PK changed')} where locale = 'fr'`.execute(ctx.db);
    expect((await auditVerify()).out).toContain(`document ${ID}/circular/docx/fr`);
  });

  it('results carry the audit chain head they were computed from', async () => {
    const ctx = await decidedConsultation();
    world().clock.set(Date.parse(DEADLINE) + 1);
    const head = await ctx.db
      .selectFrom('audit_event')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const results = await computeResults(ctx, { actor: SECRETARIAT, consultationId: ID });
    expect(results).toMatchObject({ auditHead: { seq: Number(head.seq), hash: head.hash } });
  });
});
