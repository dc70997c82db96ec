import { Option, type Command } from 'commander';
import { presentContact } from '../../presenters/admin.presenter.js';
import { addContact, listContacts, setContactStatus } from '../../services/contacts.js';
import { formatTable, line, printJson, type CliIo } from '../output.js';
import { localOperator, parseStateCode, withContext } from './shared.js';

/** `assent contact add|list|disable|enable`: who receives notices, receipts and reminders. */
export function registerContactCommands(program: Command, io: CliIo): void {
  const contact = program
    .command('contact')
    .description('e-mail recipients: focal points of Member States, and observers (information copies)');

  contact
    .command('add')
    .description('add a recipient')
    .addOption(
      new Option('--role <role>', 'focal_point or observer').choices(['focal_point', 'observer']).makeOptionMandatory(),
    )
    .option('--state <code>', 'the Member State of a focal point', parseStateCode)
    .requiredOption('--email <address>', 'e-mail address')
    .requiredOption('--name <name>', 'name and function')
    .addOption(
      new Option('--language <code>', 'language of the e-mails')
        .choices(['ar', 'zh', 'en', 'fr', 'ru', 'es'])
        .default('en'),
    )
    .option('--json', 'print as the API does')
    .action(
      async (options: {
        role: 'focal_point' | 'observer';
        state?: string;
        email: string;
        name: string;
        language: string;
        json?: boolean;
      }) =>
        withContext(io, async (context) => {
          const added = await addContact(context.services, {
            actor: localOperator(io),
            role: options.role,
            memberState: options.state,
            email: options.email,
            name: options.name,
            language: options.language,
          });
          if (options.json) return printJson(io.stdout, presentContact(added));
          line(
            io.stdout,
            `Added ${added.role.replace('_', ' ')} ${added.email}${added.memberState ? ` (${added.memberState})` : ''}: ${added.id}`,
          );
        }),
    );

  contact
    .command('list')
    .description('list recipients')
    .option('--state <code>', 'only the focal points of one Member State', parseStateCode)
    .option('--json', 'print as the API does (GET /api/v1/contacts)')
    .action(async (options: { state?: string; json?: boolean }) =>
      withContext(io, async (context) => {
        const contacts = await listContacts(context.services, { actor: localOperator(io), memberState: options.state });
        if (options.json) return printJson(io.stdout, { items: contacts.map(presentContact) });
        if (contacts.length === 0) return line(io.stdout, 'No contacts.');
        io.stdout.write(
          formatTable(
            ['Id', 'Role', 'State', 'E-mail', 'Name', 'Lang', 'Active'],
            contacts.map((c) => [
              c.id,
              c.role,
              c.memberState ?? '',
              c.email,
              c.name,
              c.language,
              c.active ? 'yes' : 'no',
            ]),
          ),
        );
      }),
    );

  for (const [name, active] of [
    ['disable', false],
    ['enable', true],
  ] as const) {
    contact
      .command(name)
      .description(active ? 'resume e-mails to a contact' : 'stop e-mails to a contact (history is kept)')
      .argument('<id>', 'contact id')
      .action(async (id: string) =>
        withContext(io, async (context) => {
          const changed = await setContactStatus(context.services, { actor: localOperator(io), contactId: id, active });
          line(io.stdout, `${changed.email} ${active ? 'will receive' : 'will no longer receive'} e-mails.`);
        }),
      );
  }
}
