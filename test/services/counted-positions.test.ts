import { expect, it } from 'vitest';
import { recordReply } from '../../src/services/record-reply.js';
import { submitReply } from '../../src/services/submit-reply.js';
import { uploadAttachment } from '../../src/services/attachments.js';
import { withdrawReply } from '../../src/services/withdraw-reply.js';
import { describeEachDialect } from '../helpers/databases.js';
import { DEADLINE, focalPoint, replyInput, SECRETARIAT, useWorld } from '../helpers/world.js';

describeEachDialect('the counted mark on positions', (dialect) => {
  const world = useWorld(dialect);

  it("marks exactly the positions of each reply's counted version, through amendments, withdrawals and late forms", async () => {
    const { ctx, clock, openConsultation } = world();
    const id = await openConsultation();
    const submit = (state: string, texts?: string[]) =>
      submitReply(ctx, {
        actor: focalPoint(state),
        consultationId: id,
        memberState: state,
        input: replyInput(texts),
        channel: 'api',
      });
    clock.set('2023-05-01T10:00:00Z');
    await submit('KR');
    await submit('KR', ['x1353']); // amended: version 2 counts
    await submit('FR');
    await withdrawReply(ctx, { actor: focalPoint('FR'), consultationId: id, memberState: 'FR', channel: 'api' }); // nothing counts
    await submit('DE');
    clock.set(Date.parse(DEADLINE) + 3_600_000);
    const scan = await uploadAttachment(ctx, {
      actor: SECRETARIAT,
      filename: 'late.pdf',
      content: Buffer.from('%PDF-1.4 late'),
    });
    // Received after the deadline: kept, not counted; DE's version 1 still counts.
    await recordReply(ctx, {
      actor: SECRETARIAT,
      consultationId: id,
      memberState: 'DE',
      input: {
        channel: 'fax',
        receivedAt: new Date(Date.parse(DEADLINE) + 60_000).toISOString(),
        originalFile: scan.sha256,
        positions: replyInput(['x1471']).positions,
        signatory: { name: 'X', title: 'Y' },
      },
    });

    const marked = await ctx.db
      .selectFrom('reply_position')
      .select(['member_state', 'version', 'text_id'])
      .where('consultation_id', '=', id)
      .where('counted', '=', 1)
      .orderBy('member_state')
      .orderBy('text_id')
      .execute();
    const expected = await ctx.db
      .selectFrom('reply')
      .innerJoin('reply_position', (join) =>
        join
          .onRef('reply_position.consultation_id', '=', 'reply.consultation_id')
          .onRef('reply_position.member_state', '=', 'reply.member_state')
          .onRef('reply_position.version', '=', 'reply.counted_version'),
      )
      .select(['reply_position.member_state', 'reply_position.version', 'reply_position.text_id'])
      .where('reply.consultation_id', '=', id)
      .orderBy('reply_position.member_state')
      .orderBy('reply_position.text_id')
      .execute();
    expect(marked).toEqual(expected);
    expect(marked.map((m) => `${m.member_state}/${m.version}/${m.text_id}`)).toEqual([
      'DE/1/x1333-cor1',
      'DE/1/x1353',
      'DE/1/x1471',
      'KR/2/x1353',
    ]);
  });
});
