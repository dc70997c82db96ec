import { crc32, deflateRawSync } from 'node:zlib';
import { ODT_MEDIA_TYPE } from '../../src/services/attachment-content.js';

/**
 * Office packages written byte by byte for the upload tests: a ZIP writer whose sizes may lie (as
 * an attacker's do) and whose compressed blocks may be reused (a zip bomb), and the parts of a
 * minimal DOCX and ODT to which a test adds the one part it is about.
 */

/** One entry of an archive. */
export interface RawEntry {
  readonly name: string;
  readonly data: Buffer;
  /** 0 stored, 8 deflated (default). */
  readonly method?: 0 | 8;
  /** Already-deflated bytes to use as they are (a bomb reuses one block); `data` is then the unpacked size's source for CRC only. */
  readonly compressed?: Buffer;
  /** The size the directory claims (default: the real one). */
  readonly declaredSize?: number;
  readonly crc?: number;
}

/** A ZIP archive of `entries`, in order, with a central directory (no data descriptors). */
export function zip(entries: readonly RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const method = entry.method ?? 8;
    const body = entry.compressed ?? (method === 8 ? deflateRawSync(entry.data) : entry.data);
    const name = Buffer.from(entry.name, 'utf8');
    const size = entry.declaredSize ?? entry.data.length;
    const crc = entry.crc ?? crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export const xml = (text: string) =>
  Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${text}`, 'utf8');
const MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
export const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The parts of a minimal Word document, to which a test adds or replaces parts. */
export function docxParts(
  options: { contentTypes?: string; documentXml?: string; extra?: RawEntry[] } = {},
): RawEntry[] {
  return [
    {
      name: '[Content_Types].xml',
      data: xml(
        options.contentTypes ??
          `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="${MAIN}"/></Types>`,
      ),
    },
    {
      name: '_rels/.rels',
      data: xml(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>`,
      ),
    },
    {
      name: 'word/document.xml',
      data: xml(
        options.documentXml ??
          '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Comments on X.1353</w:t></w:r></w:p></w:body></w:document>',
      ),
    },
    ...(options.extra ?? []),
  ];
}

/** The parts of a minimal OpenDocument text. */
export function odtParts(extra: RawEntry[] = [], content = ''): RawEntry[] {
  return [
    { name: 'mimetype', data: Buffer.from(ODT_MEDIA_TYPE), method: 0 },
    {
      name: 'content.xml',
      data: xml(
        `<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:scripts/><office:body><office:text><text:p>Comments</text:p>${content}</office:text></office:body></office:document-content>`,
      ),
    },
    {
      name: 'META-INF/manifest.xml',
      data: xml(
        `<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="${ODT_MEDIA_TYPE}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`,
      ),
    },
    ...extra,
  ];
}
