import { Option, type Command } from 'commander';
import type { TokenRole } from '../../domain/identity/api-token.js';
import { presentToken } from '../../presenters/admin.presenter.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../../services/api-tokens.js';
import { formatFields, formatTable, formatUtc, line, printJson, type CliIo } from '../output.js';
import { integerParser, localOperator, parseStateCode, withContext } from './shared.js';

/** `assent token create|list|revoke`: API tokens. */
export function registerTokenCommands(program: Command, io: CliIo): void {
  const token = program.command('token').description('API tokens for the secretariat, focal points and observers');

  token
    .command('create')
    .description('create an API token; its secret is printed once and only its hash is stored')
    .addOption(
      new Option('--role <role>', 'who holds it')
        .choices(['secretariat', 'focal_point', 'observer'])
        .makeOptionMandatory(),
    )
    .option('--state <code>', 'the Member State of a focal point', parseStateCode)
    .requiredOption('--label <label>', 'who or what the token is for, e.g. "Focal point, Korea (Republic of)"')
    .option('--expires-in-days <n>', 'lifetime in days (default: no expiry)', integerParser(1, 3650))
    .option('--json', 'print as the API does (POST /api/v1/tokens)')
    .action(
      async (options: { role: TokenRole; state?: string; label: string; expiresInDays?: number; json?: boolean }) =>
        withContext(io, async (context) => {
          const created = await createApiToken(context.services, {
            actor: localOperator(io),
            role: options.role,
            memberState: options.state,
            label: options.label,
            expiresInDays: options.expiresInDays,
          });
          if (options.json) return printJson(io.stdout, { token: presentToken(created.token), secret: created.secret });
          line(io.stdout, 'Token created. Copy the secret now: it is not shown again.');
          io.stdout.write(
            formatFields(
              [
                ['Secret', created.secret],
                ['Id', created.token.id],
                ['Role', created.token.role],
                ['Member State', created.token.memberState],
                ['Label', created.token.label],
                ['Expires', created.token.expiresAt === null ? 'never' : formatUtc(created.token.expiresAt)],
              ],
              '  ',
            ),
          );
        }),
    );

  token
    .command('list')
    .description('list tokens (never their secrets)')
    .option('--json', 'print as the API does (GET /api/v1/tokens)')
    .action(async (options: { json?: boolean }) =>
      withContext(io, async (context) => {
        const tokens = await listApiTokens(context.services, { actor: localOperator(io) });
        if (options.json) return printJson(io.stdout, { items: tokens.map(presentToken) });
        if (tokens.length === 0)
          return line(
            io.stdout,
            'No tokens. Create one with: assent token create --role focal_point --state KR --label "…"',
          );
        io.stdout.write(
          formatTable(
            ['Id', 'Role', 'State', 'Label', 'Created', 'Expires', 'Revoked'],
            tokens.map((t) => [
              t.id,
              t.role,
              t.memberState,
              t.label,
              formatUtc(t.createdAt),
              t.expiresAt === null ? 'never' : formatUtc(t.expiresAt),
              t.revokedAt === null ? '' : formatUtc(t.revokedAt),
            ]),
          ),
        );
      }),
    );

  token
    .command('revoke')
    .description('revoke a token at once')
    .argument('<id>', 'token id (from token list)')
    .action(async (id: string) =>
      withContext(io, async (context) => {
        await revokeApiToken(context.services, { actor: localOperator(io), tokenId: id });
        line(io.stdout, `Token ${id} revoked.`);
      }),
    );
}
