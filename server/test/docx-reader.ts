import JSZip from 'jszip';

/** Reads a produced .docx back for tests: its text, and its tables as rows of cell texts. */
async function documentXml(payload: Buffer): Promise<string> {
  return (await (await JSZip.loadAsync(payload)).file('word/document.xml')?.async('string')) ?? '';
}

const runsOf = (xml: string) =>
  [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
    .map((match) => match[1] ?? '')
    .join('')
    .replaceAll('&amp;', '&')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'");

/** Every run of text in order, joined. */
export async function docxText(payload: Buffer): Promise<string> {
  return runsOf(await documentXml(payload));
}

/** The text of every paragraph in order (those inside tables too), one string each. */
export async function docxParagraphs(payload: Buffer): Promise<string[]> {
  const xml = await documentXml(payload);
  return [...xml.matchAll(/<w:p(?: [^>]*)?>([\s\S]*?)<\/w:p>/g)].map((paragraph) =>
    runsOf(paragraph[1] ?? ''),
  );
}

/** Each table (the header and signature blocks included), each row a list of its cells' texts. */
export async function docxTables(payload: Buffer): Promise<string[][][]> {
  const xml = await documentXml(payload);
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((table) =>
    [...(table[1] ?? '').matchAll(/<w:tr(?: [^>]*)?>([\s\S]*?)<\/w:tr>/g)].map((row) =>
      [...(row[1] ?? '').matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((cell) => runsOf(cell[1] ?? '')),
    ),
  );
}

/** The table whose header row starts with these cells. */
export function tableStartingWith(tables: string[][][], headers: string[]): string[][] | undefined {
  return tables.find((table) => headers.every((header, index) => table[0]?.[index] === header));
}
