/**
 * A plan inside someone else's page: a legal-database site (menus, font-size buttons, a metadata block
 * before the text, related documents with their own numbers) or a news article quoting the plan's
 * number, date and issuer before the plan itself. Built from the clean document's particulars.
 */
import { formatDateVi } from '../../text/dates.ts';
import type { PlanDocument } from '../types.ts';
import { pick, type Rng } from './rng.ts';

const TYPE_NAMES: Record<string, string> = {
  KH: 'Kế hoạch',
  QĐ: 'Quyết định',
  CV: 'Công văn',
  BC: 'Báo cáo',
};

const SITE_TOP = [
  'THƯ VIỆN PHÁP LUẬT',
  'Trang chủ | Văn bản pháp luật | Dự thảo | Hỏi đáp pháp luật | Liên hệ',
  'Đăng nhập | Đăng ký',
  'Cỡ chữ: A- A A+',
  'Tìm kiếm văn bản ... Tìm',
  'Trang chủ > Văn bản pháp luật > Bộ máy hành chính',
];
const SITE_TABS = 'Tóm tắt | Nội dung | Tiếng Anh | Lược đồ | Liên quan hiệu lực | Tải về';
const SITE_BOTTOM = [
  'Lưu trữ | Ghi chú | Ý kiến | Facebook | Email | In',
  'Bài viết liên quan',
  '© 2026 Cơ sở dữ liệu văn bản pháp luật. Giấy phép số 27/GP-TTĐT ngày 09/05/2019 của Sở Thông tin và Truyền thông.',
];

const typeName = (document: PlanDocument) => TYPE_NAMES[document.type ?? ''] ?? 'Văn bản';
const year = (document: PlanDocument) => document.issuedOn?.slice(0, 4) ?? '';

/** The first other document number the text cites ("06/CT-CTUBND"), for a "related documents" line. */
function citedNumber(text: string, own: string | null): string | null {
  for (const match of text.matchAll(/\b\d{1,4}\/(?:\d{4}\/)?[A-ZĐ]{1,6}-[A-ZĐ-]{2,12}\b/gu)) {
    if (match[0] !== own) return match[0];
  }
  return null;
}

/**
 * The page of a legal-database site: chrome, the page title, the metadata block ("Số hiệu", "Loại văn
 * bản", "Nơi ban hành", "Người ký", "Ngày ban hành" …) one field per line, two per line or as a table,
 * sometimes the related documents, then the text and the site's footer.
 */
export function legalDatabaseWrap(text: string, document: PlanDocument, rng: Rng): string {
  const fields: Array<[string, string]> = [
    ['Số hiệu:', document.number ?? ''],
    ['Loại văn bản:', typeName(document)],
    [
      rng() < 0.5 ? 'Nơi ban hành:' : 'Cơ quan ban hành:',
      document.place ? `Tỉnh ${document.place}` : (document.issuer ?? ''),
    ],
    ['Người ký:', document.signer ?? ''],
    ['Ngày ban hành:', formatDateVi(document.issuedOn)],
    ['Ngày hiệu lực:', 'Đã biết'],
    ['Ngày công báo:', 'Đang cập nhật'],
    ['Số công báo:', 'Đang cập nhật'],
    ['Tình trạng:', 'Đã biết'],
  ];
  const layout = pick(rng, ['lines', 'pairs', 'table'] as const);
  const cells = fields.map(([name, value]) => `${name} ${value}`);
  const block =
    layout === 'lines'
      ? cells
      : layout === 'pairs'
        ? cells.flatMap((cell, index) =>
            index % 2 === 0 ? [[cell, cells[index + 1]].filter(Boolean).join('\t')] : [],
          )
        : fields.flatMap(([name, value], index) => [
            `| ${name} | ${value} |`,
            ...(index === 0 ? ['|---|---|'] : []),
          ]);
  const related = citedNumber(text, document.number);
  const title = `${typeName(document)} ${document.number ?? ''} năm ${year(document)} ${document.title ?? ''}`;
  return [
    ...SITE_TOP.filter(() => rng() < 0.7),
    '',
    title,
    '',
    SITE_TABS,
    '',
    ...block,
    ...(related && rng() < 0.6 ? ['', `Văn bản liên quan: ${related}`] : []),
    '',
    text,
    '',
    ...SITE_BOTTOM,
  ].join('\n');
}

const lowerFirst = (text: string) => text.charAt(0).toLocaleLowerCase('vi') + text.slice(1);

const INDEX_WORDS = /\b(PAPI|PAR INDEX|SIPAS|PCI|DTI)\b/g;

/**
 * A news article about the plan: the site's menu, a headline naming the indices, the publication date
 * (a week after the issue), a lead quoting number, date and issuer, then the plan — from its type name
 * on, or with its header — and the byline and related news.
 */
export function newsQuote(text: string, document: PlanDocument, rng: Rng): string {
  const indices = [...new Set(text.match(INDEX_WORDS) ?? [])].slice(0, 3);
  const place = document.place ?? 'Tỉnh';
  const issued = document.issuedOn ?? '2020-01-01';
  const published = new Date(Date.parse(issued) + 7 * 86_400_000).toISOString().slice(0, 10);
  const [, month, day] = issued.split('-').map(Number);
  const issuer = (document.issuer ?? 'Ủy ban nhân dân tỉnh').replace(/^Ủy ban nhân dân/, 'UBND');
  const lines = text.split('\n');
  const typeLine = lines.findIndex((line) => /^(\*\*)?(KẾ HOẠCH|QUYẾT ĐỊNH)(\*\*)?\s*$/u.test(line.trim()));
  const quoted = typeLine > 0 && rng() < 0.6 ? lines.slice(typeLine).join('\n') : text;
  return [
    `Báo ${place} điện tử`,
    'Thời sự | Chính trị | Kinh tế | Xã hội | Pháp luật',
    '',
    `${place} ban hành kế hoạch nâng cao ${indices.map((index) => `Chỉ số ${index}`).join(', ')} năm ${year(document)}`,
    '',
    `Thứ Năm, ${formatDateVi(published)} | 08:15`,
    '',
    `(Báo ${place}) - Ngày ${day}/${month}, ${issuer} ban hành ${typeName(document)} số ${document.number ?? ''} về ${lowerFirst(document.title ?? '')}.`,
    '',
    'Theo đó, các sở, ngành, địa phương tập trung thực hiện các nhiệm vụ, giải pháp sau:',
    '',
    quoted,
    '',
    pick(rng, ['Minh Anh', 'Thu Hà', 'Quang Huy']),
    '',
    'Tin liên quan:',
    `- ${place}: Hội nghị triển khai kết quả Chỉ số PAPI năm ${Number(year(document)) - 1}`,
  ].join('\n');
}
