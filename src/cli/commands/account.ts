import { Option, type Command } from 'commander';
import { presentAccount } from '../../presenters/admin.presenter.js';
import { inviteAccount, listAccounts, setAccountDisabled } from '../../services/identity/accounts.js';
import { resetAuthenticator } from '../../services/identity/authenticator-reset.js';
import { formatTable, line, printJson, type CliIo } from '../output.js';
import { localOperator, parseStateCode, withContext } from './shared.js';

/** `assent account invite|list|disable|enable|reset-authenticator`: people who sign in. */
export function registerAccountCommands(program: Command, io: CliIo): void {
  const account = program.command('account').description('accounts of the secretariat, focal points and observers');

  account
    .command('invite')
    .description(
      'invite a person: prints the single-use link (also e-mailed); inviting again issues a new link and resets the password and authenticator',
    )
    .requiredOption('--email <address>', 'e-mail address (the sign-in name)')
    .requiredOption('--name <name>', 'name and function')
    .addOption(
      new Option('--role <role>', 'role')
        .choices(['secretariat_admin', 'secretariat_staff', 'focal_point', 'observer'])
        .makeOptionMandatory(),
    )
    .option('--state <code>', 'the Member State of a focal point', parseStateCode)
    .addOption(new Option('--rank <rank>', 'primary or alternate focal point').choices(['primary', 'alternate']))
    .addOption(new Option('--language <code>', 'language of e-mails').choices(['ar', 'zh', 'en', 'fr', 'ru', 'es']))
    .option('--json', 'print as the API does')
    .action(
      async (options: {
        email: string;
        name: string;
        role: 'secretariat_admin' | 'secretariat_staff' | 'focal_point' | 'observer';
        state?: string;
        rank?: 'primary' | 'alternate';
        language?: string;
        json?: boolean;
      }) =>
        withContext(io, async (context) => {
          const invited = await inviteAccount(context.services, {
            actor: localOperator(io),
            email: options.email,
            name: options.name,
            role: options.role,
            memberState: options.state,
            rank: options.rank,
            language: options.language,
          });
          const link = `${context.config.publicUrl}${invited.invitationPath}`;
          if (options.json)
            return printJson(io.stdout, {
              account: presentAccount(invited.account),
              invitationLink: link,
              expiresAt: new Date(invited.expiresAt).toISOString(),
            });
          line(
            io.stdout,
            `Invited ${invited.account.email} (${invited.account.role}${invited.account.memberState ? `, ${invited.account.memberState}` : ''}).`,
          );
          line(io.stdout, `Link (single use, until ${new Date(invited.expiresAt).toISOString()}): ${link}`);
        }),
    );

  account
    .command('list')
    .description('list accounts')
    .option('--state <code>', 'only the focal points of one Member State', parseStateCode)
    .option('--json', 'print as the API does (GET /api/v1/accounts)')
    .action(async (options: { state?: string; json?: boolean }) =>
      withContext(io, async (context) => {
        const accounts = (
          await listAccounts(context.services, { actor: localOperator(io), memberState: options.state })
        ).map(presentAccount);
        if (options.json) return printJson(io.stdout, { items: accounts });
        if (accounts.length === 0) return line(io.stdout, 'No accounts.');
        io.stdout.write(
          formatTable(
            ['Id', 'E-mail', 'Name', 'Role', 'State', 'Rank', 'Status', '2FA'],
            accounts.map((a) => [
              a.id,
              a.email,
              a.name,
              a.role,
              a.memberState ?? '',
              a.focalPointRank ?? '',
              a.status,
              a.secondFactor ? 'yes' : a.authenticatorReset ? 'reset' : 'no',
            ]),
          ),
        );
      }),
    );

  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    account
      .command(name)
      .description(
        disabled
          ? 'disable an account: its sessions end and its tokens stop at once (its history stays)'
          : 'enable a disabled account',
      )
      .argument('<id>', 'account id')
      .action(async (id: string) =>
        withContext(io, async (context) => {
          const changed = await setAccountDisabled(context.services, {
            actor: localOperator(io),
            accountId: id,
            disabled,
          });
          line(io.stdout, `${changed.email} is ${disabled ? 'disabled' : 'enabled'}.`);
        }),
      );
  }

  account
    .command('reset-authenticator')
    .description(
      'a lost authenticator: clears its key and recovery codes, ends its sessions, and e-mails a single-use link (also printed) to set up a new one with the same password; audited with the reason',
    )
    .argument('<id>', 'account id')
    .requiredOption(
      '--reason <text>',
      'why (kept in the audit trail), e.g. "phone lost, identity checked by telephone"',
    )
    .option('--json', 'print as the API does (POST /api/v1/accounts/{id}/authenticator-reset)')
    .action(async (id: string, options: { reason: string; json?: boolean }) =>
      withContext(io, async (context) => {
        const reset = await resetAuthenticator(context.services, {
          actor: localOperator(io),
          accountId: id,
          reason: options.reason,
        });
        const link = `${context.config.publicUrl}${reset.enrolmentPath}`;
        if (options.json)
          return printJson(io.stdout, {
            account: presentAccount(reset.account),
            enrolmentLink: link,
            expiresAt: new Date(reset.expiresAt).toISOString(),
          });
        line(io.stdout, `The authenticator of ${reset.account.email} is reset; its sessions ended.`);
        line(io.stdout, `Link (single use, until ${new Date(reset.expiresAt).toISOString()}): ${link}`);
      }),
    );
}
