/**
 * The particulars block a legal-database page puts before the text ("Số hiệu: 29/KH-UBND", "Loại văn
 * bản: Kế hoạch", "Nơi ban hành: Tỉnh Hưng Yên", "Người ký: …", "Ngày ban hành: 27/02/2020"), one
 * field a line, several on one line, or as `|` cells. Typed by the site's editors, it is reliable.
 */
import { foldSameLength } from './match-key.ts';

export type LabelledField = 'number' | 'typeName' | 'place' | 'issuer' | 'signer' | 'issuedOn' | 'other';

const LABELS: Array<[label: string, field: LabelledField]> = [
  ['so hieu', 'number'],
  ['so ky hieu', 'number'],
  ['loai van ban', 'typeName'],
  ['noi ban hanh', 'place'],
  ['co quan ban hanh', 'issuer'],
  ['nguoi ky', 'signer'],
  ['ngay ban hanh', 'issuedOn'],
  ['ngay hieu luc', 'other'],
  ['ngay het hieu luc', 'other'],
  ['ngay cong bao', 'other'],
  ['so cong bao', 'other'],
  ['tinh trang hieu luc', 'other'],
  ['tinh trang', 'other'],
  ['linh vuc', 'other'],
  ['chuc vu', 'other'],
  ['nguon thu thap', 'other'],
];

const LABEL = new RegExp(
  `(?:^|[\\s|])(${LABELS.map(([label]) => label.replace(/ /g, '\\s+')).join('|')})\\s*:`,
  'g',
);

/** The labelled fields within the first `within` lines; the first value of each field wins. */
export function readLabelledFields(lines: string[], within = 80): Partial<Record<LabelledField, string>> {
  const fields: Partial<Record<LabelledField, string>> = {};
  for (const line of lines.slice(0, within)) {
    const folded = foldSameLength(line);
    const hits = [...folded.matchAll(LABEL)];
    hits.forEach((hit, at) => {
      const label = (hit[1] ?? '').replace(/\s+/g, ' ');
      const field = LABELS.find(([name]) => name === label)?.[1] ?? 'other';
      const start = (hit.index ?? 0) + hit[0].length;
      const end = hits[at + 1]?.index ?? line.length;
      const value = line
        .slice(start, end)
        .replace(/^[\s|]+|[\s|]+$/g, '')
        .trim();
      if (value !== '' && field !== 'other' && fields[field] === undefined) fields[field] = value;
    });
  }
  return fields;
}
