import type { FastifyRequest } from 'fastify';
import { AppError } from '../domain/errors.js';
import { PUBLIC_ACTOR, type Actor } from '../domain/policy/actor.js';
import { authenticateToken } from '../services/api-tokens.js';
import type { ServiceContext } from '../services/service-context.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is acting: resolved from the bearer token, or the public. */
    actor: Actor;
  }
}

/**
 * Resolves `Authorization: Bearer <token>` to an actor. No header: the public (the policy
 * decides what it may see). A header that is present but invalid is refused outright, so a
 * mistyped token never silently degrades to public access.
 */
export async function resolveActor(ctx: ServiceContext, request: FastifyRequest): Promise<Actor> {
  const header = request.headers.authorization;
  if (header === undefined || header === '') return PUBLIC_ACTOR;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new AppError('UNAUTHENTICATED', 'Use "Authorization: Bearer <token>"');
  return authenticateToken(ctx, match[1]!);
}
