import { expect, it } from 'vitest';
import type { RecordedReplyInput } from '../../src/schemas/reply.schema.js';
import { uploadAttachment } from '../../src/services/attachments.js';
import { computeResults } from '../../src/services/compute-results.js';
import { createConsultation } from '../../src/services/create-consultation.js';
import { getConsultation } from '../../src/services/get-consultation.js';
import { issueConsultation } from '../../src/services/issue-consultation.js';
import { issueResultsNotice } from '../../src/services/issue-results-notice.js';
import { recordDecision } from '../../src/services/record-decision.js';
import { recordReply } from '../../src/services/record-reply.js';
import { describeEachDialect } from '../helpers/databases.js';
import { consultationInput, DEADLINE, PUBLIC, replyInput, SECRETARIAT, useWorld } from '../helpers/world.js';
import { auditActions, pdfBytes, tableCounts } from './probes.js';
import { withFigures } from '../helpers/tally.js';

const ID = 'tsb-79-2023';
/** When the record is entered: long after Circular 79 ran. */
const ENTERED = '2024-06-03T09:00:00.000Z';
const ISSUED = '2023-03-28T10:00:00.000Z';

describeEachDialect('a past consultation entered afterwards, as a record (issue 12 item 6)', (dialect) => {
  const world = useWorld(dialect);

  const enter = (issuedAt = ISSUED, overrides: Parameters<typeof consultationInput>[0] = {}) =>
    createConsultation(world().ctx, {
      actor: SECRETARIAT,
      input: consultationInput({ ...overrides, enteredAfterwards: { issuedAt } }),
      deadlineAhead: true,
    });

  const record = async (state: string, receivedAt: string, positions: RecordedReplyInput['positions']) => {
    const scan = await uploadAttachment(world().ctx, {
      actor: SECRETARIAT,
      filename: `${state}.pdf`,
      content: pdfBytes(`form of ${state}`),
    });
    return recordReply(world().ctx, {
      actor: SECRETARIAT,
      consultationId: ID,
      memberState: state,
      input: {
        channel: 'paper',
        receivedAt,
        positions,
        signatory: { name: 'A. Official', title: 'Director' },
        originalFile: scan.sha256,
      },
    });
  };

  const jobKinds = async () =>
    (await world().ctx.db.selectFrom('job').select('kind').execute())
      .map((j) => j.kind)
      .filter((k) => k !== 'audit-checkpoint');

  it('runs a whole past circular through the rules of a live one, dated from the records, sending nothing', async () => {
    const { ctx, clock } = world();
    clock.set(ENTERED);
    // The page's "deadline ahead" check does not apply to a record: its deadline is history.
    const draft = await enter();
    expect(draft.enteredAfterwardsAt).toBe(Date.parse(ENTERED));
    expect(draft.recordedIssuedAt).toBe(Date.parse(ISSUED));
    expect(draft.issuedAt).toBeNull();

    const issued = await issueConsultation(ctx, { actor: SECRETARIAT, consultationId: ID });
    expect(issued.consultation.issuedAt).toBe(Date.parse(ISSUED));
    expect(issued.consultation.enteredAfterwardsAt).toBe(Date.parse(ENTERED));
    expect((await auditActions(ctx.db)).at(-1)).toBe('consultation.entered_afterwards');

    const support = replyInput().positions;
    const oppose: RecordedReplyInput['positions'] = [
      { text: 'x1353', position: 'does_not_assign_authority', reasons: 'Not mature.' },
    ];
    // Received by the deadline: counted; one received after it: kept, flagged, not counted.
    const fr = await record('FR', '2023-08-10T09:00:00.000Z', support);
    const de = await record('DE', DEADLINE, support);
    const gb = await record('GB', '2023-08-17T00:00:00.000Z', oppose);
    expect([fr.counted, de.counted, gb.counted]).toEqual([true, true, false]);
    expect(gb.flags).toContain('received_after_deadline');
    // Before its issue, never.
    await expect(record('US', '2023-03-28T09:59:59.999Z', support)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [expect.objectContaining({ field: '/receivedAt', code: 'RECEIVED_BEFORE_ISSUE' })],
    });

    const results = await computeResults(ctx, { actor: PUBLIC, consultationId: ID });
    expect(results.state).toBe('closed');
    const x1353 = withFigures(results.texts.find((t) => t.text.id === 'x1353')!.tally);
    expect(x1353).toMatchObject({ replies: 2, support: 2, outcome: 'may_proceed' });

    for (const textId of ['x1333-cor1', 'x1353', 'x1471'])
      await recordDecision(ctx, { actor: SECRETARIAT, consultationId: ID, textId, input: {} });

    // The notice's date from the records: not before the meeting ended, not in the future.
    const before = await tableCounts(ctx.db);
    for (const [issuedOn, code] of [
      ['2023-09-07', 'NOTICE_BEFORE_MEETING_END'],
      ['2024-06-04', 'NOTICE_IN_FUTURE'],
    ] as const)
      await expect(issueResultsNotice(ctx, { actor: SECRETARIAT, consultationId: ID, issuedOn })).rejects.toMatchObject(
        { code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: '/issuedOn', code })] },
      );
    expect(await tableCounts(ctx.db)).toEqual(before);

    const notice = await issueResultsNotice(ctx, { actor: SECRETARIAT, consultationId: ID, issuedOn: '2023-09-20' });
    expect(notice.state).toBe('notified');
    expect(notice.loaded.consultation.resultsNoticeAt).toBe(Date.parse('2023-09-20T00:00:00.000Z'));
    expect(notice.texts.map((t) => [t.text.id, t.decision?.outcome ?? t.tally.outcome])).toEqual([
      ['x1333-cor1', 'approved'],
      ['x1353', 'approved'],
      ['x1471', 'approved'],
    ]);
    const view = await getConsultation(ctx, { actor: PUBLIC, consultationId: ID });
    expect(view.state).toBe('notified');
    expect(view.loaded.consultation.enteredAfterwardsAt).toBe(Date.parse(ENTERED));

    // No issue notice, reminder, receipt or results e-mail for a record.
    expect(await jobKinds()).toEqual([]);
  });

  it('refuses an issue in the future, before the circular, or at or after the deadline, at its field, storing nothing', async () => {
    const { ctx, clock } = world();
    clock.set(ENTERED);
    const before = await tableCounts(ctx.db);
    for (const [issuedAt, code] of [
      ['2024-06-03T09:00:00.001Z', 'ISSUED_IN_FUTURE'],
      ['2023-03-27T23:59:59.999Z', 'ISSUED_BEFORE_CIRCULAR'],
      [DEADLINE, 'ISSUED_AFTER_DEADLINE'],
      ['2023-08-20T10:00:00.000Z', 'ISSUED_AFTER_DEADLINE'],
    ] as const) {
      await expect(enter(issuedAt)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ field: '/enteredAfterwards/issuedAt', code })],
      });
    }
    // The rules of a new circular still apply to a record.
    await expect(
      enter(ISSUED, { meeting: { place: 'Geneva', firstDay: '2023-08-10', lastDay: '2023-08-11' } }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [expect.objectContaining({ field: '/deadline', code: 'DATES_OUT_OF_ORDER' })],
    });
    expect(await tableCounts(ctx.db)).toEqual(before);
  });

  it('still refuses a past deadline to a live circular, and a notice date to one', async () => {
    const { ctx, clock } = world();
    clock.set(ENTERED);
    await expect(
      createConsultation(ctx, { actor: SECRETARIAT, input: consultationInput(), deadlineAhead: true }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [expect.objectContaining({ field: '/deadline', code: 'DEADLINE_PASSED' })],
    });
    clock.set('2023-03-28T08:00:00Z');
    await world().openConsultation();
    expect(
      (await getConsultation(ctx, { actor: PUBLIC, consultationId: ID })).loaded.consultation.enteredAfterwardsAt,
    ).toBeNull();
    expect((await jobKinds()).sort()).toContain('notify-issue');
    clock.set('2023-09-20T10:00:00Z');
    await expect(
      issueResultsNotice(ctx, { actor: SECRETARIAT, consultationId: ID, issuedOn: '2023-09-20' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [expect.objectContaining({ field: '/issuedOn', code: 'NOT_ENTERED_AFTERWARDS' })],
    });
  });

  it('refuses to issue a live draft whose deadline has passed', async () => {
    const { ctx, clock } = world();
    await createConsultation(ctx, { actor: SECRETARIAT, input: consultationInput() });
    clock.set(ENTERED);
    await expect(issueConsultation(ctx, { actor: SECRETARIAT, consultationId: ID })).rejects.toMatchObject({
      code: 'CONSULTATION_INCOMPLETE',
      errors: [expect.objectContaining({ field: '/deadline' })],
    });
  });
});
