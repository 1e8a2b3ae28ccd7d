/**
 * Which indices a plan sets out to improve: those its title, preamble, purpose and objectives name.
 * Indices cited only inside a task ("công khai kết quả Chỉ số CCHC …") are not the plan's aim.
 */
import { findAll, type MatchText, type PhraseTable, phraseTable } from './match-key.ts';
import { INDEX_CODES, type IndexCode } from './types.ts';

const INDEX_NAMES: Record<IndexCode, string[]> = {
  PAR_INDEX: ['PAR INDEX', 'PAR-INDEX', 'PARINDEX', 'chỉ số cải cách hành chính', 'chỉ số CCHC'],
  PAPI: ['PAPI', 'chỉ số hiệu quả quản trị và hành chính công'],
  SIPAS: [
    'SIPAS',
    'chỉ số hài lòng',
    'mức độ hài lòng của người dân, tổ chức đối với sự phục vụ',
    'sự hài lòng của người dân, tổ chức đối với sự phục vụ',
    'mức độ hài lòng của người dân đối với sự phục vụ',
    'sự hài lòng của người dân đối với sự phục vụ',
  ],
  DTI: ['DTI', 'chỉ số chuyển đổi số'],
  PCI: ['PCI', 'chỉ số năng lực cạnh tranh cấp tỉnh', 'năng lực cạnh tranh cấp tỉnh'],
  ICT_INDEX: ['ICT INDEX', 'ICT-INDEX', 'chỉ số sẵn sàng cho phát triển và ứng dụng công nghệ thông tin'],
  SERVICE_766: [
    '766/QĐ-TTg',
    'Quyết định số 766',
    'Quyết định 766',
    'Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp',
    'Bộ chỉ số phục vụ người dân và doanh nghiệp',
  ],
  DVCQ: ['dân vận chính quyền', 'chỉ số dân vận'],
};

/** A plan titled "Kế hoạch cải cách hành chính …" aims at the PAR index even when it never says "chỉ số". */
const TITLE_ONLY: Partial<Record<IndexCode, string[]>> = {
  PAR_INDEX: ['cải cách hành chính', 'CCHC'],
};

const NAMES = phraseTable(
  INDEX_CODES.flatMap((code) => INDEX_NAMES[code].map((name): [string, IndexCode] => [name, code])),
);
const TITLE_NAMES = phraseTable(
  INDEX_CODES.flatMap((code) => (TITLE_ONLY[code] ?? []).map((name): [string, IndexCode] => [name, code])),
);

function named(text: MatchText, table: PhraseTable<IndexCode>): Set<IndexCode> {
  return new Set(findAll(text, table).map((hit) => hit.value));
}

/** Indices named in the title or in the plan's aims, in the order of the brief. */
export function findIndices(title: MatchText | null, aims: MatchText[]): IndexCode[] {
  const found = new Set<IndexCode>();
  for (const text of [...(title ? [title] : []), ...aims])
    for (const code of named(text, NAMES)) found.add(code);
  if (title) for (const code of named(title, TITLE_NAMES)) found.add(code);
  return INDEX_CODES.filter((code) => found.has(code));
}

/** The single index a heading is about ("2.1. Đối với Chỉ số PAR INDEX"), else null. */
export function headingIndex(text: MatchText): IndexCode | null {
  const codes = [...named(text, NAMES)];
  return codes.length === 1 ? (codes[0] ?? null) : null;
}
