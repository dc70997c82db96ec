import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/policy/actor.js';
import { getJob } from './list-jobs.js';
import type { ServiceContext } from '../service-context.js';

/**
 * The raw message (.eml) of an e-mail written by the file transport (no SMTP_URL), so the
 * secretariat can read what was "sent". Only files inside `mailDir` are ever read.
 * @throws FORBIDDEN, NOT_FOUND
 */
export async function readMailMessage(
  ctx: ServiceContext,
  options: { actor: Actor; jobId: string; mailDir: string },
): Promise<Buffer> {
  const job = await getJob(ctx, options);
  const location = typeof job.result?.location === 'string' ? job.result.location : null;
  if (job.kind !== 'mail' || location === null || location === 'smtp')
    throw new AppError('NOT_FOUND', 'No stored message for this job (sent by SMTP, not sent yet, or not an e-mail)');
  const root = path.resolve(options.mailDir);
  const file = path.resolve(location);
  if (!file.startsWith(root + path.sep)) throw new AppError('NOT_FOUND', 'No stored message for this job');
  try {
    return await fs.readFile(file);
  } catch {
    throw new AppError('NOT_FOUND', 'The message file is no longer there');
  }
}
