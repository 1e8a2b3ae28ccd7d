import JSZip from 'jszip';

/** The parts of a .docx a test reads back: the body, the styles, the page headers. */
export async function documentXml(buffer: Buffer) {
  const zip = await JSZip.loadAsync(buffer);
  return {
    document: (await zip.file('word/document.xml')?.async('string')) ?? '',
    styles: (await zip.file('word/styles.xml')?.async('string')) ?? '',
    headers: await Promise.all(
      Object.keys(zip.files)
        .filter((name) => /^word\/header\d+\.xml$/.test(name))
        .map((name) => zip.file(name)?.async('string') ?? ''),
    ),
  };
}

/** Text of the document, runs joined within paragraphs (Word splits text across runs freely). */
export const textOf = (xml: string) =>
  xml
    .split('</w:p>')
    .map((paragraph) => [...paragraph.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n');
