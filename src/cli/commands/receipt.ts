import fs from 'node:fs';
import type { Command } from 'commander';
import { rotateSigningKey } from '../../services/receipt-keys.js';
import { getReceipt, verifyReceipt } from '../../services/receipts.js';
import { line, printJson, UsageError, type CliIo } from '../output.js';
import { actorFor, integerParser, localOperator, parseStateCode, resolvePath, withContext } from './shared.js';

/** `assent receipt get|verify`: signed receipts of reply versions. */
export function registerReceiptCommands(program: Command, io: CliIo): void {
  const receipt = program.command('receipt').description('signed receipts of reply versions');

  receipt
    .command('get')
    .description("write the signed receipt of one version of a State's reply")
    .argument('<consultation>', 'consultation id')
    .argument('<state>', 'Member State code', parseStateCode)
    .argument('<version>', 'version number', integerParser(1, 1_000_000))
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .option('--token <token>', 'act as the holder of this API token (default: the local operator)')
    .action(
      async (consultationId: string, state: string, version: number, options: { output?: string; token?: string }) =>
        withContext(io, async (context) => {
          const actor = await actorFor(io, context, options.token);
          const document = await getReceipt(context.services, { actor, consultationId, memberState: state, version });
          if (!options.output) return printJson(io.stdout, document);
          fs.writeFileSync(resolvePath(io, options.output), `${JSON.stringify(document, null, 2)}\n`);
          line(io.stdout, `Receipt of ${state} v${version} written to ${options.output}`);
        }),
    );

  receipt
    .command('verify')
    .description(
      'check a receipt against its signature, the stored reply and files, and the audit chain (exit 1 if any check fails)',
    )
    .argument('<file>', 'a receipt file')
    .option('--json', 'print the checks as JSON')
    .action(async (file: string, options: { json?: boolean }) =>
      withContext(io, async (context) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(fs.readFileSync(resolvePath(io, file), 'utf8'));
        } catch (error) {
          throw new UsageError(`${file} is not a readable JSON receipt: ${(error as Error).message}`);
        }
        const result = await verifyReceipt(context.services, parsed);
        if (options.json) printJson(io.stdout, result);
        else
          for (const check of result.checks)
            line(io.stdout, `${check.ok ? 'ok  ' : 'FAIL'}  ${check.check.padEnd(12)} ${check.detail}`);
        if (!result.ok)
          throw new Error(
            `the receipt does not verify (${result.checks
              .filter((c) => !c.ok)
              .map((c) => c.check)
              .join(', ')})`,
          );
        if (!options.json) line(io.stdout, 'The receipt verifies.');
      }),
    );

  receipt
    .command('rotate-key')
    .description(
      'retire the key that signs receipts and audit checkpoints and create the next one (receipts signed before still verify)',
    )
    .option('--json', 'print the new key as JSON')
    .action(async (options: { json?: boolean }) =>
      withContext(io, async (context) => {
        const key = await rotateSigningKey(context.services, { actor: localOperator(io) });
        if (options.json)
          return printJson(io.stdout, { ...key, validFrom: new Date(key.validFrom).toISOString(), validUntil: null });
        line(io.stdout, `Key ${key.keyId} now signs receipts and audit checkpoints; the previous key is retired.`);
        io.stdout.write(key.publicKey);
      }),
    );
}
