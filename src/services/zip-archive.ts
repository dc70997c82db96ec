import { inflateRawSync } from 'node:zlib';

/**
 * Reads the entries of a ZIP container (DOCX and ODT are ZIP packages) with every cost bounded,
 * so that judging an upload cannot be turned against the server: the central directory is read
 * from the end of the file, entries are inflated with `maxOutputLength` (node:zlib stops there,
 * it never allocates what the archive claims), and the whole archive may unpack to
 * `maxUnpackedBytes` at most — a "zip bomb" (1 MB that unpacks to 1 GiB) is refused after
 * inflating no more than that budget. Anything unusual for an office document is refused rather
 * than interpreted: ZIP64, several disks, encryption, methods other than stored and deflate, names
 * that climb out of the package, sizes that differ from what the directory declares.
 */

/** One entry, unpacked. */
export interface ZipEntry {
  /** The name as stored (`word/document.xml`). */
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly content: Buffer;
}

/** Why an archive was refused. */
export class ZipRefused extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ZipRefused';
  }
}

export interface ZipLimits {
  /** What the entries may unpack to, together. */
  readonly maxUnpackedBytes: number;
  /** How many entries the archive may hold. */
  readonly maxEntries: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The offset of the end-of-central-directory record, searched backwards over its comment. */
function endOfDirectory(bytes: Buffer): number {
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= earliest; at -= 1) if (bytes.readUInt32LE(at) === EOCD) return at;
  throw new ZipRefused('not a ZIP archive (no end of central directory)');
}

/** A name that stays inside the package: relative, no `..`, no backslash, no NUL. */
function isSafeName(name: string): boolean {
  return (
    name !== '' &&
    !name.startsWith('/') &&
    !name.includes('\\') &&
    !name.includes('\u0000') &&
    !/^[A-Za-z]:/.test(name) &&
    !name.split('/').includes('..')
  );
}

/**
 * The entries of a ZIP archive, in the order of its central directory, each unpacked within the
 * budget. @throws ZipRefused
 */
export function readZip(bytes: Buffer, limits: ZipLimits): ZipEntry[] {
  if (bytes.length < 22) throw new ZipRefused('not a ZIP archive (too short)');
  const end = endOfDirectory(bytes);
  const disk = bytes.readUInt16LE(end + 4);
  const directoryDisk = bytes.readUInt16LE(end + 6);
  const count = bytes.readUInt16LE(end + 10);
  const directorySize = bytes.readUInt32LE(end + 12);
  const directoryOffset = bytes.readUInt32LE(end + 16);
  if (disk !== 0 || directoryDisk !== 0) throw new ZipRefused('archives over several disks are not accepted');
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff)
    throw new ZipRefused('ZIP64 archives are not accepted');
  if (count > limits.maxEntries) throw new ZipRefused(`more than ${limits.maxEntries} entries`);
  if (directoryOffset + directorySize > end) throw new ZipRefused('the central directory lies outside the archive');

  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let unpacked = 0;
  let at = directoryOffset;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > end || bytes.readUInt32LE(at) !== CENTRAL) throw new ZipRefused('a damaged central directory');
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const compressedSize = bytes.readUInt32LE(at + 20);
    const declaredSize = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const localOffset = bytes.readUInt32LE(at + 42);
    const name = bytes.toString(flags & 0x800 ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;

    if (!isSafeName(name)) throw new ZipRefused(`an entry named outside the package: ${JSON.stringify(name)}`);
    if (names.has(name)) throw new ZipRefused(`two entries named ${name}`);
    names.add(name);
    if (flags & 0x1) throw new ZipRefused(`an encrypted entry: ${name}`);
    if (method !== 0 && method !== 8) throw new ZipRefused(`an entry compressed with method ${method}: ${name}`);
    if (declaredSize > limits.maxUnpackedBytes - unpacked)
      throw new ZipRefused(`the archive unpacks to more than ${limits.maxUnpackedBytes} bytes`);

    if (localOffset + 30 > bytes.length || bytes.readUInt32LE(localOffset) !== LOCAL)
      throw new ZipRefused(`a damaged local header: ${name}`);
    const start = localOffset + 30 + bytes.readUInt16LE(localOffset + 26) + bytes.readUInt16LE(localOffset + 28);
    if (start + compressedSize > bytes.length) throw new ZipRefused(`an entry that runs past the archive: ${name}`);
    const data = bytes.subarray(start, start + compressedSize);

    let content: Buffer;
    if (method === 0) {
      content = Buffer.from(data);
    } else {
      // One byte over the budget left tells "exactly the budget" from "more": never more is made.
      const budget = limits.maxUnpackedBytes - unpacked;
      try {
        content = inflateRawSync(data, { maxOutputLength: budget + 1 });
      } catch (error) {
        if (error instanceof RangeError || (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
          throw new ZipRefused(`the archive unpacks to more than ${limits.maxUnpackedBytes} bytes`);
        throw new ZipRefused(`an entry that does not inflate: ${name}`);
      }
      if (content.length > budget)
        throw new ZipRefused(`the archive unpacks to more than ${limits.maxUnpackedBytes} bytes`);
    }
    if (content.length !== declaredSize) throw new ZipRefused(`an entry whose size is not the one declared: ${name}`);
    unpacked += content.length;
    entries.push({ name, method, content });
  }
  return entries;
}
