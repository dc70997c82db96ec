import type { DocumentContent } from './content.js';

/**
 * Renders a document's content model as a Word document (docx-builder.ts). The `docx` package is
 * loaded on the first document, not at start: a server that never writes a Word file never pays
 * for it (40 ms and 12 MiB at start).
 */
export async function buildDocx(content: DocumentContent): Promise<Buffer> {
  const builder = await import('./docx-builder.js');
  return builder.buildDocx(content);
}
