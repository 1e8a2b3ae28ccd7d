import { createHash } from 'node:crypto';
import { type PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';

/**
 * What makes a PDF a PDF/A-2b (ISO 19005-2, level B): XMP metadata naming the part and conformance and
 * matching the Info dictionary, an output intent with an sRGB ICC profile (generated here: ICC v2,
 * sRGB IEC 61966-2.1 primaries and tone curve), the document's language, and a trailer /ID. Fonts are
 * embedded by whoever draws the text; nothing is encrypted.
 */

const s15Fixed16 = (value: number) => {
  const bytes = Buffer.alloc(4);
  bytes.writeInt32BE(Math.round(value * 65536));
  return bytes;
};

const xyzTag = (x: number, y: number, z: number) =>
  Buffer.concat([Buffer.from('XYZ '), Buffer.alloc(4), s15Fixed16(x), s15Fixed16(y), s15Fixed16(z)]);

function textDescriptionTag(text: string) {
  const ascii = Buffer.from(`${text}\0`, 'latin1');
  const count = Buffer.alloc(4);
  count.writeUInt32BE(ascii.length);
  // ASCII, then empty Unicode (language, count) and ScriptCode (code, count, 67 bytes) descriptions.
  return Buffer.concat([
    Buffer.from('desc'),
    Buffer.alloc(4),
    count,
    ascii,
    Buffer.alloc(4 + 4 + 2 + 1 + 67),
  ]);
}

/** sRGB's tone curve: linear near black, then a 2.4 power (IEC 61966-2-1), in 1,024 steps. */
function srgbCurveTag() {
  const steps = 1024;
  const tag = Buffer.alloc(12 + steps * 2);
  tag.write('curv', 0, 'latin1');
  tag.writeUInt32BE(steps, 8);
  for (let i = 0; i < steps; i++) {
    const v = i / (steps - 1);
    const linear = v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    tag.writeUInt16BE(Math.round(linear * 65535), 12 + i * 2);
  }
  return tag;
}

/** A display profile (ICC v2) for sRGB: primaries adapted to D50 as the ICC's own sRGB profile has them. */
export function srgbIccProfile(): Buffer {
  const curve = srgbCurveTag();
  const tags: [string, Buffer][] = [
    ['desc', textDescriptionTag('sRGB IEC61966-2.1')],
    [
      'cprt',
      Buffer.concat([Buffer.from('text'), Buffer.alloc(4), Buffer.from('No copyright, use freely\0')]),
    ],
    ['wtpt', xyzTag(0.9505, 1, 1.089)],
    ['rXYZ', xyzTag(0.4361, 0.2225, 0.0139)],
    ['gXYZ', xyzTag(0.3851, 0.7169, 0.0971)],
    ['bXYZ', xyzTag(0.1431, 0.0606, 0.7141)],
    ['rTRC', curve],
    ['gTRC', curve],
    ['bTRC', curve],
  ];
  const pad = (bytes: Buffer) => Buffer.concat([bytes, Buffer.alloc((4 - (bytes.length % 4)) % 4)]);
  const table = Buffer.alloc(4 + tags.length * 12);
  table.writeUInt32BE(tags.length);
  const data: Buffer[] = [];
  let offset = 128 + table.length;
  const placed = new Map<Buffer, number>();
  tags.forEach(([signature, bytes], at) => {
    // The three curves are one block of data, as profiles share them.
    let where = placed.get(bytes);
    if (where === undefined) {
      where = offset;
      placed.set(bytes, where);
      data.push(pad(bytes));
      offset += pad(bytes).length;
    }
    table.write(signature, 4 + at * 12, 'latin1');
    table.writeUInt32BE(where, 8 + at * 12);
    table.writeUInt32BE(bytes.length, 12 + at * 12);
  });
  const header = Buffer.alloc(128);
  header.writeUInt32BE(offset, 0);
  header.writeUInt32BE(0x02100000, 8);
  header.write('mntrRGB XYZ ', 12, 'latin1');
  [2024, 1, 1, 0, 0, 0].forEach((value, at) => {
    header.writeUInt16BE(value, 24 + at * 2);
  });
  header.write('acsp', 36, 'latin1');
  s15Fixed16(0.9642).copy(header, 68);
  s15Fixed16(1).copy(header, 72);
  s15Fixed16(0.8249).copy(header, 76);
  return Buffer.concat([header, table, ...data]);
}

const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );

/** XMP dates to the second in UTC, as pdf-lib writes the Info dictionary's ("D:20260301100000Z"). */
const xmpDate = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function xmpMetadata(info: { title: string; created: Date; tool: string; lang: string }): string {
  const date = xmpDate(info.created);
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">',
    '<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>',
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(info.title)}</rdf:li></rdf:Alt></dc:title>`,
    `<dc:language><rdf:Bag><rdf:li>${info.lang}</rdf:li></rdf:Bag></dc:language>`,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    `<xmp:CreateDate>${date}</xmp:CreateDate><xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${date}</xmp:MetadataDate><xmp:CreatorTool>${info.tool}</xmp:CreatorTool>`,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    `<pdf:Producer>${info.tool}</pdf:Producer>`,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

/** Marks `pdf` as PDF/A-2b: Info, XMP, output intent, language and /ID. Call before saving. */
export function makePdfA(
  pdf: PDFDocument,
  info: { title: string; created: Date; lang: string; fingerprint: string },
) {
  const tool = 'Chiso';
  pdf.setTitle(info.title);
  pdf.setCreator(tool);
  pdf.setProducer(tool);
  pdf.setCreationDate(info.created);
  pdf.setModificationDate(info.created);
  pdf.setLanguage(info.lang);
  const { context, catalog } = pdf;
  const xmp = Buffer.from(
    xmpMetadata({ title: info.title, created: info.created, lang: info.lang, tool }),
    'utf8',
  );
  // Left unfiltered, so the metadata stays readable without decoding (ISO 19005-2, 6.6.2.1).
  const metadata = context.stream(xmp, { Type: 'Metadata', Subtype: 'XML', Length: xmp.length });
  catalog.set(PDFName.of('Metadata'), context.register(metadata));
  const profile = context.flateStream(srgbIccProfile(), { N: 3 });
  const intent = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of('sRGB IEC61966-2.1'),
    Info: PDFString.of('sRGB IEC61966-2.1'),
    DestOutputProfile: context.register(profile),
  });
  catalog.set(PDFName.of('OutputIntents'), context.obj([context.register(intent)]));
  // The same document typeset at the same second gets the same /ID; any other, another.
  const id = createHash('sha256')
    .update(info.fingerprint)
    .update(info.created.toISOString())
    .digest('hex')
    .slice(0, 32);
  context.trailerInfo.ID = context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
}
