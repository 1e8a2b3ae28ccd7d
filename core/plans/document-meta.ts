/**
 * The official particulars of a document (Nghị định 30/2020/NĐ-CP): "Số: 29/KH-UBND", the date line
 * "Hưng Yên, ngày 27 tháng 02 năm 2020", issuing body, type name and trích yếu, signer. When the date
 * line is damaged the date comes from a digital-signature stamp ("Ngày ký: 27.02.2020 …") or a
 * metadata header ("Ngày ban hành: 27/02/2020").
 */
import { formatDateVi, parseDate } from '../text/dates.ts';
import { foldVietnamese } from '../text/vietnamese.ts';
import {
  firstReading,
  missingValue,
  type Reading,
  type Reason,
  readValue,
  repairFrom,
  SURNAMES_WRITTEN,
  settle,
  sureValue,
  unsureValue,
} from './confidence.ts';
import {
  DOCUMENT_TYPES,
  type DocumentNumber,
  NUMBER_LINE,
  numberOf,
  readNumber,
  upperFold,
} from './document-number.ts';
import { unmergeHeader } from './header-lines.ts';
import { readLabelledFields } from './labelled-fields.ts';
import { foldSameLength } from './match-key.ts';
import { newsIssueDate, readNewsLead } from './news-lead.ts';
import { isMostlyUpper } from './normalise.ts';
import { canonicalPlace, PLACE_NAMES, provinceWithKind } from './places.ts';
import { readIssuer, readSigner } from './signatories.ts';
import type { DocumentConfidence, PlanDocument } from './types.ts';

/** OCR puts O for 0, l/I for 1 and S for 5 inside numbers. */
function repairDateDigits(text: string): string {
  return text
    .replace(/(?<=\d)[oO]|[oO](?=\d)/g, '0')
    .replace(/(?<=\d)[lI|]|[lI|](?=\d)/g, '1')
    .replace(/(?<=\d)S|S(?=\d)/g, '5');
}

/** Folded, digits repaired, and the look-alikes OCR makes of "ngày", "tháng", "năm" undone. */
const dateKey = (line: string) =>
  foldSameLength(repairDateDigits(line))
    .replace(/\b(ngay|thang)\s+s\b/g, (found) => `${found.slice(0, -1)}5`)
    .replace(/\bnarn\b/g, 'nam ')
    .replace(/\bthaug\b/g, 'thang');

const DATE_LINE = /^\s*([^,]{2,40}?)\s*,?\s*ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})/;
const PLACE_BEFORE_DATE = /^\s*([^,]{2,40}?)\s*,\s*ngay\b/;
const STAMP_DATE =
  /(?:ngay ky|thoi gian ky|ky ngay|signing ?time|signed)\s*:?\s*(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4})/;
const HEADER_DATE =
  /^\s*(?:ngay ban hanh|ngay van ban|ngay_ban_hanh|issued(?:_?on)?|date)\s*[:=]\s*["']?(\d{4}-\d{2}-\d{2}|\d{1,2}\s*[./-]\s*\d{1,2}\s*[./-]\s*\d{4})/;

const DATE_REASONS = {
  line: { vi: 'Đọc từ dòng địa danh, ngày tháng.', en: 'Read from the place and date line.' },
  labelled: {
    vi: 'Đọc từ phần thông tin văn bản ("Ngày ban hành").',
    en: 'Read from the document’s particulars ("Ngày ban hành").',
  },
  stamp: {
    vi: 'Dòng ngày tháng không đọc được; ngày ký số có thể khác ngày ban hành.',
    en: 'The date line is unreadable; the digital signature’s date may differ from the date of issue.',
  },
  news: { vi: 'Đọc từ câu dẫn của bài báo.', en: 'Read from the news article’s lead.' },
  newsYear: {
    vi: 'Bài báo chỉ ghi ngày, tháng; năm được đoán theo năm của kế hoạch.',
    en: 'The article gives only the day and month; the year is guessed from the plan’s year.',
  },
  none: { vi: 'Không tìm thấy ngày ban hành.', en: 'No date of issue found.' },
};
const PLACE_REASONS = {
  line: DATE_REASONS.line,
  labelled: { vi: 'Đọc từ phần thông tin văn bản ("Nơi ban hành").', en: 'Read from the particulars.' },
  issuer: { vi: 'Theo tên tỉnh của cơ quan ban hành.', en: 'The issuing body’s province.' },
  none: { vi: 'Không tìm thấy địa danh.', en: 'No place found.' },
};

interface DatePlace {
  issuedOn: Reading;
  place: string | null;
}

function readDateAndPlace(lines: string[], labelled: string | undefined, warnings: string[]): DatePlace {
  let place: string | null = null;
  for (const line of lines.slice(0, 80)) {
    const folded = dateKey(line);
    const placeMatch = PLACE_BEFORE_DATE.exec(foldSameLength(repairDateDigits(line)));
    if (!placeMatch || /\d/.test(placeMatch[1] ?? '')) continue;
    const writtenPlace = line.slice(placeMatch.index, (placeMatch[1] ?? '').length + placeMatch.index).trim();
    place ??= canonicalPlace(writtenPlace) ?? (/^[.…\s]*$/.test(writtenPlace) ? null : writtenPlace);
    const match = DATE_LINE.exec(folded);
    const issuedOn = match ? parseDate(`${match[2]}/${match[3]}/${match[4]}`) : null;
    if (issuedOn) return { issuedOn: sureValue(issuedOn, DATE_REASONS.line), place };
  }
  const fromLabel = labelled ? parseDate(repairDateDigits(labelled).replace(/\s+/g, '')) : null;
  if (fromLabel) {
    warnings.push('Không đọc được dòng địa danh, ngày tháng; ngày ban hành lấy từ phần thông tin đầu tệp.');
    return { issuedOn: sureValue(fromLabel, DATE_REASONS.labelled), place };
  }
  for (const [pattern, source] of [
    [HEADER_DATE, 'phần thông tin đầu tệp'],
    [STAMP_DATE, 'chữ ký số'],
  ] as const) {
    for (const line of lines) {
      const match = pattern.exec(foldSameLength(repairDateDigits(line)));
      if (!match) continue;
      const issuedOn = match[3]
        ? parseDate(`${match[1]}/${match[2]}/${match[3]}`)
        : parseDate(match[1] ?? '');
      if (!issuedOn) continue;
      if (pattern === STAMP_DATE) {
        warnings.push('Không đọc được dòng địa danh, ngày tháng; ngày ký số được đề xuất làm ngày ban hành.');
        return { issuedOn: unsureValue(DATE_REASONS.stamp, formatDateVi(issuedOn)), place };
      }
      warnings.push(`Không đọc được dòng địa danh, ngày tháng; ngày ban hành lấy từ ${source}.`);
      return { issuedOn: sureValue(issuedOn, DATE_REASONS.labelled), place };
    }
  }
  return { issuedOn: missingValue(DATE_REASONS.none), place };
}

const TYPE_NAMES = DOCUMENT_TYPES.map((type) => ({ abbr: type.abbr, key: upperFold(type.name) }));
const TITLE_STOP =
  /^(căn cứ|can cu|thực hiện|thuc hien|theo đề nghị|theo de nghi|kính gửi|kinh gui|[IVX]+[.\-–]\s)/i;

/** The type name line ("KẾ HOẠCH") and the trích yếu under it, up to the next blank line. */
function readTitle(lines: string[]): { type: string | null; title: string | null } {
  for (let index = 0; index < Math.min(lines.length, 120); index += 1) {
    const line = lines[index] ?? '';
    const vv = /^V\/v\s*:?\s*(.+)$/i.exec(line);
    if (vv) return { type: 'CV', title: vv[1]?.trim() ?? null };
    if (!isMostlyUpper(line)) continue;
    const folded = upperFold(line);
    const type = TYPE_NAMES.find((entry) => folded === entry.key || folded.startsWith(`${entry.key} `));
    if (!type) continue;
    const parts: string[] = [];
    const rest = line.slice(type.key.length).trim();
    if (rest !== '') parts.push(rest);
    for (let next = index + 1; next < lines.length; next += 1) {
      const candidate = lines[next] ?? '';
      if (candidate === '') {
        // A blank line inside the title (a PDF's wrap): the title goes on when the next line starts small.
        const after = lines.slice(next + 1).find((line) => line !== '') ?? '';
        if (parts.length > 0 && !/^\p{Ll}/u.test(after)) break;
        continue;
      }
      if (TITLE_STOP.test(candidate) || /^[_\-–—=.]{3,}$/.test(candidate)) break;
      parts.push(candidate);
    }
    const title = parts
      .join(' ')
      .replace(/\s*\(\s*(ban hành )?kèm theo.*$/i, '')
      .replace(/\s+/g, ' ')
      .trim();
    return { type: type.abbr, title: title === '' ? null : title };
  }
  return { type: null, title: null };
}

export interface DocumentMeta {
  document: PlanDocument;
  confidence: DocumentConfidence;
  /** The year the plan is for ("… năm 2023"), else the year of issue: dates written without a year. */
  planYear: number | null;
}

const NUMBER_REASONS = {
  line: { vi: 'Đọc từ dòng "Số: …".', en: 'Read from the "Số: …" line.' },
  labelled: {
    vi: 'Đọc từ phần thông tin văn bản ("Số hiệu").',
    en: 'Read from the particulars ("Số hiệu").',
  },
  news: DATE_REASONS.news,
  differ: {
    vi: 'Số ở dòng "Số: …" khác số ở phần thông tin văn bản: kiểm tra lại.',
    en: 'The "Số: …" line and the particulars give different numbers: check.',
  },
  none: { vi: 'Không tìm thấy số, ký hiệu văn bản.', en: 'No document number found.' },
};
const OTHER_REASONS = {
  type: { vi: 'Theo ký hiệu hoặc tên loại văn bản.', en: 'From the number’s symbol or the type name.' },
  noType: { vi: 'Không rõ loại văn bản.', en: 'The type of document is unknown.' },
  title: { vi: 'Đọc từ trích yếu dưới tên loại văn bản.', en: 'Read from the summary under the type name.' },
  noTitle: { vi: 'Không tìm thấy trích yếu.', en: 'No title found.' },
  labelledSigner: { vi: 'Đọc từ phần thông tin văn bản ("Người ký").', en: 'Read from the particulars.' },
  labelledIssuer: {
    vi: 'Đọc từ phần thông tin văn bản ("Cơ quan ban hành").',
    en: 'Read from the particulars ("Cơ quan ban hành").',
  },
};

function numberReading(number: DocumentNumber, reason: Reason, warnings: string[]): Reading {
  if (number.doubt) return unsureValue(number.doubt, number.number);
  if (number.repaired) warnings.push(`Đã sửa lỗi nhận dạng trong số văn bản: ${number.repaired}.`);
  return sureValue(number.number, reason);
}

/** "Ủy ban nhân dân tỉnh Hưng Yên", "UBND tỉnh Hưng Yên", or a place the committee of which issued. */
function labelledIssuer(value: string | undefined, symbol: string | null, on: string | null) {
  if (value) {
    const body =
      /^(?:Ủy ban nhân dân|Uỷ ban nhân dân|Uy ban nhan dan|UBND)\s+(tỉnh|thành phố|tinh|thanh pho)\s+(.+)$/iu.exec(
        value,
      );
    if (body) {
      const placeName = canonicalPlace(body[2] ?? '');
      if (placeName)
        return sureValue(`Ủy ban nhân dân ${provinceWithKind(placeName, on)}`, OTHER_REASONS.labelledIssuer);
    }
    if (!canonicalPlace(value))
      return readValue(value, OTHER_REASONS.labelledIssuer, OTHER_REASONS.labelledIssuer);
  }
  const named = value ? canonicalPlace(value) : null;
  // "Nơi ban hành: Tỉnh Hưng Yên" and "…/KH-UBND": the province's committee.
  if (named && /-UBND\b/.test(symbol ?? ''))
    return sureValue(`Ủy ban nhân dân ${provinceWithKind(named, on)}`, OTHER_REASONS.labelledIssuer);
  return null;
}

export function readDocumentMeta(source: string[], preamble: string[], warnings: string[]): DocumentMeta {
  const lines = unmergeHeader(source);
  const repair = repairFrom(lines, [...PLACE_NAMES]);
  // A name opens with a surname: its first word is repaired from the surnames, the rest from the text.
  const surname = repairFrom([], SURNAMES_WRITTEN);
  const repairName = (name: string) => repair(name.replace(/^\S+/, (first) => surname(first)));
  const labelled = readLabelledFields(lines);
  const own = readNumber(lines);
  const news = own ? null : readNewsLead(preamble);
  const labelledNumber = labelled.number ? NUMBER_LINE.exec(`Số: ${labelled.number}`) : null;
  const fromLabel = labelledNumber ? numberOf(labelledNumber) : null;
  const numbered = own ?? fromLabel ?? news?.number ?? null;
  let number: Reading = missingValue(NUMBER_REASONS.none);
  if (own) {
    const differs = fromLabel && fromLabel.number.toUpperCase() !== own.number.toUpperCase();
    number = differs
      ? unsureValue(NUMBER_REASONS.differ, fromLabel.number)
      : numberReading(own, NUMBER_REASONS.line, warnings);
  } else if (fromLabel) number = numberReading(fromLabel, NUMBER_REASONS.labelled, warnings);
  else if (news?.number) number = numberReading(news.number, NUMBER_REASONS.news, warnings);
  else warnings.push('Không tìm thấy số, ký hiệu văn bản ("Số: …/KH-…").');

  const dated = readDateAndPlace(lines, labelled.issuedOn, warnings);
  const { type, title } = readTitle(lines);
  const titleYear = title ? /\bnam\s+(\d{4})/.exec(foldVietnamese(title)) : null;
  let issuedOn = dated.issuedOn;
  if (issuedOn.confidence.level !== 'sure' && news) {
    const fromNews = newsIssueDate(news);
    const guessed =
      news.day && news.month && titleYear ? parseDate(`${news.day}/${news.month}/${titleYear[1]}`) : null;
    if (fromNews && parseDate(formatDateVi(fromNews))) issuedOn = sureValue(fromNews, DATE_REASONS.news);
    else if (guessed) issuedOn = unsureValue(DATE_REASONS.newsYear, formatDateVi(guessed));
  }
  if (issuedOn.confidence.level === 'missing') warnings.push('Không tìm thấy ngày ban hành.');
  const place = dated.place ?? (labelled.place ? canonicalPlace(labelled.place) : null);
  const on = issuedOn.value;
  const symbol = numbered?.number ?? null;
  const signerLabel = labelled.signer
    ? readValue(labelled.signer, OTHER_REASONS.labelledSigner, OTHER_REASONS.labelledSigner)
    : null;
  const signed = readSigner(lines, repairName);
  const issuer = readIssuer(
    lines,
    preamble,
    place,
    on,
    symbol,
    [labelledIssuer(labelled.issuer ?? labelled.place, symbol, on)],
    repair,
  );
  // ND 30/2020: a provincial body's place is its province ("Hưng Yên, ngày …").
  const provinceOfIssuer =
    issuer.confidence.level === 'sure'
      ? canonicalPlace(/(?:tỉnh|thành phố)\s+(.+)$/.exec(issuer.value ?? '')?.[1] ?? '')
      : null;
  const placeReading = place
    ? sureValue(place, dated.place ? PLACE_REASONS.line : PLACE_REASONS.labelled)
    : provinceOfIssuer
      ? sureValue(provinceOfIssuer, PLACE_REASONS.issuer)
      : missingValue(PLACE_REASONS.none);
  const { document, confidence } = settle({
    number,
    type:
      (numbered?.type ?? type)
        ? sureValue(numbered?.type ?? type ?? '', OTHER_REASONS.type)
        : missingValue(OTHER_REASONS.noType),
    issuedOn,
    place: placeReading,
    issuer,
    signer: signed.confidence.level === 'sure' ? signed : firstReading([signerLabel, signed], signed),
    title: readValue(title, OTHER_REASONS.title, OTHER_REASONS.noTitle, repair),
  });
  return {
    document,
    confidence,
    planYear: titleYear
      ? Number(titleYear[1])
      : document.issuedOn
        ? Number(document.issuedOn.slice(0, 4))
        : null,
  };
}
