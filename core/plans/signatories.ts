/**
 * Who issues and who signs: the issuing body from the header ("UBND TỈNH HƯNG YÊN / SỞ NỘI VỤ"), else
 * from the preamble ("Ủy ban nhân dân tỉnh … ban hành Kế hoạch") or the signature block ("TM. ỦY BAN
 * NHÂN DÂN"); the signer is the name under the signature block.
 */
import { foldVietnamese } from '../text/vietnamese.ts';
import { AGENCY_TABLE } from './agency-table.ts';
import {
  firstReading,
  missingValue,
  type Reading,
  type Repair,
  readValue,
  sureValue,
  unsureValue,
} from './confidence.ts';
import { NUMBER_LINE, upperFold } from './document-number.ts';
import { foldSameLength } from './match-key.ts';
import { isMostlyUpper, isSignatureLine } from './normalise.ts';
import { canonicalPlace, provinceWithKind } from './places.ts';

const NATIONAL_MOTTO = /^(CỘNG HÒA|CỘNG HOÀ|CONG HOA|ĐỘC LẬP|DOC LAP)/i;
const PLACE_CONTINUATION = /^(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN|TINH|THANH PHO|HUYEN)\b/;

function titleCaseName(upper: string): string {
  const place = canonicalPlace(upper);
  if (place) return place;
  return upper
    .toLowerCase()
    .split(' ')
    .map((word) => (word[0]?.toUpperCase() ?? '') + word.slice(1))
    .join(' ');
}

function sentenceCase(upper: string): string {
  const lower = upper.toLowerCase();
  return (lower[0]?.toUpperCase() ?? '') + lower.slice(1);
}

const KIND_NAMES: Record<string, string> = {
  tinh: 'tỉnh',
  'thanh pho': 'thành phố',
  'thi xa': 'thị xã',
  'thi tran': 'thị trấn',
  huyen: 'huyện',
  quan: 'quận',
  phuong: 'phường',
  xa: 'xã',
};
const KIND_WORDS = Object.keys(KIND_NAMES);

function agencyNamed(folded: string): string | null {
  return (
    AGENCY_TABLE.find((entry) => entry.aliases.some((alias) => foldVietnamese(alias) === folded))?.name ??
    null
  );
}

/** "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI" → "Ủy ban nhân dân tỉnh Quảng Ngãi"; "SỞ NỘI VỤ" → "Sở Nội vụ". */
export function bodyName(upper: string): string {
  const words = upper.trim().split(/\s+/);
  const folded = words.map((word) => foldVietnamese(word));
  const whole = agencyNamed(folded.join(' '));
  if (whole) return whole;
  for (let at = 1; at < words.length - 1; at += 1) {
    const kind = KIND_WORDS.find(
      (candidate) => folded.slice(at, at + candidate.split(' ').length).join(' ') === candidate,
    );
    if (!kind) continue;
    const size = kind.split(' ').length;
    if (at + size >= words.length) continue;
    const head = folded.slice(0, at).join(' ');
    const headName = /^(uy ban nhan dan|ubnd)$/.test(head)
      ? 'Ủy ban nhân dân'
      : (agencyNamed(head) ?? sentenceCase(words.slice(0, at).join(' ')));
    const kindText = KIND_NAMES[kind] ?? kind;
    return `${headName} ${kindText} ${titleCaseName(words.slice(at + size).join(' '))}`;
  }
  return /^(uy ban nhan dan|ubnd)$/.test(folded.join(' ')) ? 'Ủy ban nhân dân' : sentenceCase(upper);
}

const TYPE_LINE = /^(KE HOACH|QUYET DINH|CHUONG TRINH|BAO CAO|TO TRINH|CONG VAN|THONG BAO|HUONG DAN)\b/;
const RULE = /^[_\-–—=*.]+$/;

/**
 * The issuer's lines: the run of capitalised lines just above the number ("Số: …"), or above the type
 * name when there is no number line, past the motto and the place-date. A line in running text (a
 * site's menu, a page title, a metadata block) ends the run: a site's name above it is not the issuer.
 */
function issuerLines(lines: string[]): string[] {
  const numberAt = lines.findIndex((line, index) => index < 80 && NUMBER_LINE.test(line));
  const typeAt = lines.findIndex((line, index) => index < 80 && TYPE_LINE.test(upperFold(line)));
  const end = numberAt !== -1 ? numberAt : typeAt !== -1 ? typeAt : Math.min(lines.length, 12);
  const run: string[] = [];
  for (let index = end - 1; index >= 0; index -= 1) {
    const line = lines[index] ?? '';
    const folded = foldSameLength(line);
    if (line === '' || RULE.test(line) || NATIONAL_MOTTO.test(line) || /,\s*ngay\b/.test(folded)) continue;
    if (/^doc lap\b/.test(folded) || TYPE_LINE.test(upperFold(line))) continue;
    if (!isMostlyUpper(line)) break;
    run.unshift(line);
  }
  return run;
}

function readIssuerHeader(lines: string[]): string | null {
  const bodies: string[] = [];
  for (const line of issuerLines(lines)) {
    if (PLACE_CONTINUATION.test(line) && bodies.length > 0) bodies[bodies.length - 1] += ` ${line}`;
    else bodies.push(line);
  }
  const issuing = bodies[bodies.length - 1];
  if (!issuing) return null;
  const name = bodyName(issuing);
  // "UBND TỈNH X / SỞ NỘI VỤ": the issuing body takes its place from the parent line above it.
  const parent = bodies[bodies.length - 2];
  if (parent && !/\b(tỉnh|thành phố|huyện|xã|phường)\b/.test(name)) {
    const parentPlace = /\b(tỉnh|thành phố|huyện|xã|phường)\s+.+$/.exec(bodyName(parent));
    if (parentPlace) return `${name} ${parentPlace[0]}`;
  }
  return name;
}

// What an issuing body's name starts with; anything else above the number is not one (a site's name).
const BODY_START =
  /^(uy ban|ubnd|hoi dong|hdnd|so|bo|ban|van phong|thanh tra|cong an|toa an|vien|chi cuc|cuc|tong cuc|trung tam|truong|benh vien|bao hiem|kho bac|chi nhanh|ngan hang|dang uy|tinh uy|huyen uy|thanh uy|thi uy|quan uy|dang bo|mat tran|doan|hoi|phong|chinh phu|thu tuong|quoc hoi|bo chi huy|bo tu lenh|tong cong ty|cong ty|dai|chu tich)\b/;
const MOTTO_WORDS = /\b(cong hoa|chu nghia|doc lap|tu do|hanh phuc)\b/;

export const ISSUER_REASONS = {
  header: { vi: 'Đọc từ phần đầu văn bản (cơ quan ban hành).', en: 'Read from the document’s header.' },
  preamble: {
    vi: 'Đọc từ câu mở đầu ("… ban hành Kế hoạch").',
    en: 'Read from the opening sentence ("… issues the plan").',
  },
  motto: {
    vi: 'Dòng tên cơ quan bị dính với quốc hiệu: kiểm tra lại tên cơ quan ban hành.',
    en: 'The issuer’s line is merged with the national motto: check the issuing body.',
  },
  notBody: {
    vi: 'Dòng phía trên số văn bản không giống tên một cơ quan (có thể là tên trang web).',
    en: 'The line above the number does not look like a body’s name (perhaps a website’s).',
  },
  signature: {
    vi: 'Không có tên cơ quan ở đầu văn bản; đoán từ khối chữ ký và địa danh.',
    en: 'No issuer in the header; guessed from the signature block and the place.',
  },
  none: { vi: 'Không tìm thấy cơ quan ban hành.', en: 'No issuing body found.' },
};

/** The issuer in the header, with how sure: a merged motto or a line that names no body is unsure. */
function headerIssuer(lines: string[], repair: Repair): Reading | null {
  const name = readIssuerHeader(lines);
  if (!name) return null;
  const folded = foldVietnamese(name);
  const motto = MOTTO_WORDS.exec(folded);
  if (motto) {
    const before = name.slice(0, motto.index).trim();
    return unsureValue(ISSUER_REASONS.motto, before.split(' ').length > 3 ? before : null);
  }
  if (!BODY_START.test(folded)) return unsureValue(ISSUER_REASONS.notBody, name);
  return readValue(name, ISSUER_REASONS.header, ISSUER_REASONS.none, repair);
}

// On folded text: "Ủy ban nhân dân tỉnh (Hưng Yên) ban hành Kế hoạch …".
const PREAMBLE_ISSUER =
  /\b(?:uy ban nhan dan|ubnd)\s+(tinh|thanh pho|huyen|xa|phuong)((?:\s+[a-z]+){0,4}?)\s+(?:ban hanh|xay dung)\b/d;
const KIND_OF_BODY: Record<string, string> = {
  tinh: 'tỉnh',
  'thanh pho': 'thành phố',
  huyen: 'huyện',
  xa: 'xã',
  phuong: 'phường',
};

export function readIssuer(
  lines: string[],
  preamble: string[],
  place: string | null,
  on: string | null,
  symbol: string | null,
  others: Array<Reading | null> = [],
  repair: Repair = (text) => text,
): Reading {
  const header = headerIssuer(lines, repair);
  if (header?.confidence.level === 'sure') return header;
  const committee = place ? `Ủy ban nhân dân ${provinceWithKind(place, on)}` : null;
  let fromPreamble: Reading | null = null;
  for (const paragraph of preamble) {
    const match = PREAMBLE_ISSUER.exec(foldSameLength(paragraph));
    if (!match) continue;
    const kind = match[1] ?? '';
    const [nameStart, nameEnd] = match.indices?.[2] ?? [0, 0];
    const name = paragraph.slice(nameStart, nameEnd).trim();
    // A capitalised name belongs to the body ("tỉnh Hưng Yên"); lower-case words are the sentence.
    if (name !== '' && /^\p{Lu}/u.test(name)) {
      const body = `Ủy ban nhân dân ${KIND_OF_BODY[kind]} ${canonicalPlace(name) ?? name}`;
      fromPreamble = readValue(body, ISSUER_REASONS.preamble, ISSUER_REASONS.none, repair);
      break;
    }
    if (kind === 'tinh' || kind === 'thanh pho') {
      fromPreamble = committee
        ? sureValue(committee, ISSUER_REASONS.preamble)
        : unsureValue(ISSUER_REASONS.preamble, `Ủy ban nhân dân ${KIND_OF_BODY[kind]}`);
      break;
    }
  }
  const signsForCommittee = lines.some((line) => /^(TM|KT)\.\s*(UY BAN NHAN DAN|UBND)/.test(upperFold(line)));
  const fromSignature =
    committee && (signsForCommittee || /-UBND\b/.test(symbol ?? ''))
      ? unsureValue(ISSUER_REASONS.signature, committee)
      : null;
  return firstReading([header, ...others, fromPreamble, fromSignature], missingValue(ISSUER_REASONS.none));
}

const SURNAMES = new Set(
  (
    'nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dinh doan lam mai trinh luong ' +
    'ha ta cao dao chu thai kieu luu quach to trieu vuong phung tu khuc nong lo dam giang lai tong van kim ' +
    'lang la mac truong ong nghiem chau thach quan hua dieu au bach cu giap khong lieu mach ninh nghiem ' +
    'tieu yen thieu quang han son vi dau khuat tang ung ma thi cam ton'
  ).split(' '),
);
/**
 * A person's name: two to five capitalised words. Under a signature block that is enough; elsewhere,
 * and for a name in capitals, the first word must also be a common surname.
 */
function personName(line: string, underSignature: boolean): string | null {
  const text = line.replace(/\((đã ký|da ky|ký)\)/i, '').trim();
  const words = text.split(' ');
  if (words.length < 2 || words.length > 5 || /[\d,;:.()]/.test(text) || isSignatureLine(text)) return null;
  if (!words.every((word) => /^\p{Lu}/u.test(word))) return null;
  const capitals = isMostlyUpper(text);
  if ((capitals || !underSignature) && !SURNAMES.has(foldVietnamese(words[0] ?? ''))) return null;
  return capitals ? words.map((word) => titleCaseName(word)).join(' ') : text;
}

export const SIGNER_REASONS = {
  signature: { vi: 'Đọc từ khối chữ ký.', en: 'Read from the signature block.' },
  guessed: {
    vi: 'Không thấy khối chữ ký ("TM.", "KT.", "CHỦ TỊCH"); tên này lấy từ cuối văn bản.',
    en: 'No signature block ("TM.", "KT.", "CHỦ TỊCH") found; this name comes from the end of the text.',
  },
  surname: {
    vi: 'Họ của người ký không phải một họ thường gặp: có thể bị nhận dạng sai.',
    en: 'The signer’s surname is not a common one: it may be misread.',
  },
  none: { vi: 'Không tìm thấy người ký.', en: 'No signer found.' },
};

/** The name under the signature block ("TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / Nguyễn Văn Phóng"). */
export function readSigner(lines: string[], repair: Repair = (text) => text): Reading {
  for (let index = 0; index < lines.length; index += 1) {
    if (!isSignatureLine(lines[index] ?? '')) continue;
    let seen = 0;
    for (let next = index + 1; next < lines.length && seen < 8; next += 1) {
      const line = lines[next] ?? '';
      if (line === '' || line.startsWith('-') || /^(nơi nhận|noi nhan)/i.test(line)) continue;
      const name = personName(line, true);
      if (name) {
        const reading = readValue(name, SIGNER_REASONS.signature, SIGNER_REASONS.none, repair);
        if (reading.confidence.level !== 'sure') return reading;
        return SURNAMES.has(foldVietnamese(name.split(' ')[0] ?? ''))
          ? reading
          : unsureValue(SIGNER_REASONS.surname, name);
      }
      seen += 1;
    }
  }
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    const name = personName(lines[index] ?? '', false);
    if (name) return unsureValue(SIGNER_REASONS.guessed, name);
  }
  return missingValue(SIGNER_REASONS.none);
}
