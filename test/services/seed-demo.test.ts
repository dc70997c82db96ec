import { expect, it } from 'vitest';
import { operatorActor } from '../../src/domain/policy/actor.js';
import { computeResults } from '../../src/services/compute-results.js';
import { DEMO_CONSULTATION_ID, seedDemo } from '../../src/services/seed-demo.js';
import { getConsultation } from '../../src/services/get-consultation.js';
import { resolveSession, signInWithPassword, verifySecondFactor } from '../../src/services/identity/sign-in.js';
import { totpCode } from '../../src/services/identity/totp.js';
import { describeEachDialect } from '../helpers/databases.js';
import { useWorld } from '../helpers/world.js';
import { withFigures } from '../helpers/tally.js';

describeEachDialect('demo seed', (dialect) => {
  const world = useWorld(dialect);

  it('seeds Circular 79 with six texts, closed, whose simulated replies give results per text', async () => {
    const { ctx, clock } = world();
    clock.set('2026-11-27T12:00:00Z');
    const tokens = await seedDemo(ctx);
    expect(tokens?.focalPoints.map((f) => f.memberState)).toEqual(['KR', 'FR']);
    const view = await getConsultation(ctx, { actor: operatorActor('t'), consultationId: 'tsb-79-2023' });
    expect(view.loaded.texts.map((t) => `${t.designation} [${t.location}]`)).toEqual([
      'X.1333 Cor.1 [R34]',
      'X.1353 [R35]',
      'X.1471 [R36]',
      'X.1645 [R38]',
      'X.1771 [R37]',
      'X.1817 [R33]',
    ]);
    expect(view.state).toBe('closed');
    const results = await computeResults(ctx, { actor: operatorActor('t'), consultationId: 'tsb-79-2023' });
    const x1353 = results.texts.find((t) => t.text.id === 'x1353')!;
    // 11 replies by the deadline (the 12th was received late and is not counted); the US did not assign authority.
    expect(withFigures(x1353.tally)).toMatchObject({
      replies: 11,
      support: 10,
      nonSupport: 1,
      outcome: 'may_proceed',
      clause: '§9.4.5',
    });
    const demo = await getConsultation(ctx, { actor: operatorActor('t'), consultationId: DEMO_CONSULTATION_ID });
    expect(demo.state).toBe('open');
    expect(demo.timing.filter((t) => t.severity === 'warning')).toEqual([]);
  });

  it('creates demo accounts that sign in with their password and a code of their key, each acting as its role', async () => {
    const { ctx, clock } = world();
    clock.set('2026-11-27T12:00:00Z');
    const tokens = await seedDemo(ctx);
    expect(tokens?.accounts?.map((a) => a.email)).toEqual([
      'tsb@demo.example',
      'focal-point.kr@demo.example',
      'point-focal.fr@demo.example',
      'observer@demo.example',
    ]);
    const client = { ip: '127.0.0.1', userAgent: 'test' };
    const kinds: string[] = [];
    for (const account of tokens!.accounts!) {
      expect(account.password).toMatch(/^demo-.{16}$/);
      const grant = await signInWithPassword(ctx, { email: account.email, password: account.password, client });
      expect(grant.next).toBe('verify');
      const verified = await verifySecondFactor(ctx, {
        sessionSecret: grant.sessionSecret,
        code: totpCode(account.totpKey, clock.now()),
        client,
      });
      const { actor } = await resolveSession(ctx, verified.sessionSecret);
      kinds.push(
        actor.kind === 'focal_point'
          ? `focal_point:${actor.memberState}`
          : actor.kind === 'secretariat'
            ? `secretariat:${actor.admin}`
            : actor.kind,
      );
    }
    expect(kinds).toEqual(['secretariat:true', 'focal_point:KR', 'focal_point:FR', 'observer']);
    await expect(
      signInWithPassword(ctx, { email: 'tsb@demo.example', password: 'demo-wrong-password!', client }),
    ).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
  });

  it('seeds only once: a second run on a database with consultations adds nothing', async () => {
    const { ctx, clock } = world();
    clock.set('2026-11-27T12:00:00Z');
    expect(await seedDemo(ctx)).not.toBeNull();
    expect(await seedDemo(ctx)).toBeNull();
  });
});
