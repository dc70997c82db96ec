import type { Selectable } from 'kysely';
import type { ContactTable } from '../db/database.js';
import type { Executor } from '../db/dialect.js';
import type { Contact } from '../domain/identity/contact.js';
import { fromFlag, toFlag } from './json-column.js';

export type { Contact } from '../domain/identity/contact.js';

function toContact(row: Selectable<ContactTable>): Contact {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    memberState: row.member_state,
    language: row.language,
    active: fromFlag(row.active),
    createdAt: Number(row.created_at),
  };
}

export async function insertContact(db: Executor, contact: Contact): Promise<void> {
  await db
    .insertInto('contact')
    .values({
      id: contact.id,
      email: contact.email,
      name: contact.name,
      role: contact.role,
      member_state: contact.memberState,
      language: contact.language,
      active: toFlag(contact.active),
      created_at: contact.createdAt,
    })
    .execute();
}

export async function setContactActive(db: Executor, id: string, active: boolean): Promise<boolean> {
  const r = await db
    .updateTable('contact')
    .set({ active: toFlag(active) })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function findContact(db: Executor, id: string): Promise<Contact | undefined> {
  const row = await db.selectFrom('contact').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toContact(row) : undefined;
}

/** Contacts, optionally only active ones of a role and/or a State. */
export async function listContacts(
  db: Executor,
  filter: { role?: Contact['role']; memberState?: string; activeOnly?: boolean } = {},
): Promise<Contact[]> {
  const rows = await db
    .selectFrom('contact')
    .selectAll()
    .$if(filter.role !== undefined, (qb) => qb.where('role', '=', filter.role!))
    .$if(filter.memberState !== undefined, (qb) => qb.where('member_state', '=', filter.memberState!))
    .$if(filter.activeOnly === true, (qb) => qb.where('active', '=', 1))
    .orderBy('member_state')
    .orderBy('email')
    .execute();
  return rows.map(toContact);
}
