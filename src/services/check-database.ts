import { pingDatabase } from '../repositories/health.repository.js';
import type { ServiceContext } from './service-context.js';

/**
 * Whether the database answers: the readiness probe (/health/ready) and `assent doctor`. Only the
 * database is needed, so the doctor can ask before any service context exists.
 * Throws the driver's error untranslated: the caller reports its first line to an operator.
 */
export async function checkDatabase(ctx: Pick<ServiceContext, 'db'>): Promise<void> {
  await pingDatabase(ctx.db);
}
