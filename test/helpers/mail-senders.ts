import { operatorActor } from '../../src/domain/policy/actor.js';
import { addContact } from '../../src/services/contacts.js';
import type { ServiceContext } from '../../src/services/service-context.js';

/** The address Korea's Ministry writes from in the mail-in tests. */
export const KOREAN_SENDER = 'itu@msit.go.kr';

/**
 * Registers `email` as a focal-point contact of `memberState`, as an administrator would: the
 * address a message must come from to be matched to that State (services/intake/mail-intake.ts).
 */
export async function registerSender(ctx: ServiceContext, email = KOREAN_SENDER, memberState = 'KR'): Promise<void> {
  await addContact(ctx, { actor: operatorActor('test'), email, name: 'MSIT', role: 'focal_point', memberState });
}
