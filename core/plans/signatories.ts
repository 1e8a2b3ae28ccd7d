/**
 * Who issues and who signs: the issuing body from the header ("UBND TỈNH HƯNG YÊN / SỞ NỘI VỤ"), else
 * from the preamble ("Ủy ban nhân dân tỉnh … ban hành Kế hoạch") or the signature block ("TM. ỦY BAN
 * NHÂN DÂN"); the signer is the name under the signature block.
 */
import { foldVietnamese } from '../text/vietnamese.ts';
import { AGENCY_TABLE } from './agency-table.ts';
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

function readIssuerHeader(lines: string[]): string | null {
  const numberAt = lines.findIndex((line) => NUMBER_LINE.test(line));
  const header = lines.slice(0, numberAt === -1 ? 12 : numberAt);
  const bodies: string[] = [];
  for (const line of header) {
    if (line === '' || NATIONAL_MOTTO.test(line) || !isMostlyUpper(line) || /^[_\-–—=]+$/.test(line))
      continue;
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
): string | null {
  const header = readIssuerHeader(lines);
  if (header) return header;
  const committee = place ? `Ủy ban nhân dân ${provinceWithKind(place, on)}` : null;
  for (const paragraph of preamble) {
    const match = PREAMBLE_ISSUER.exec(foldSameLength(paragraph));
    if (!match) continue;
    const kind = match[1] ?? '';
    const [nameStart, nameEnd] = match.indices?.[2] ?? [0, 0];
    const name = paragraph.slice(nameStart, nameEnd).trim();
    // A capitalised name belongs to the body ("tỉnh Hưng Yên"); lower-case words are the sentence.
    if (name !== '' && /^\p{Lu}/u.test(name))
      return `Ủy ban nhân dân ${KIND_OF_BODY[kind]} ${canonicalPlace(name) ?? name}`;
    if (kind === 'tinh' || kind === 'thanh pho') return committee ?? `Ủy ban nhân dân ${KIND_OF_BODY[kind]}`;
  }
  const signsForCommittee = lines.some((line) => /^(TM|KT)\.\s*(UY BAN NHAN DAN|UBND)/.test(upperFold(line)));
  if (committee && (signsForCommittee || /-UBND\b/.test(symbol ?? ''))) return committee;
  return null;
}

const SURNAMES = new Set(
  (
    'nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dinh doan lam mai trinh luong ' +
    'ha ta cao dao chu thai kieu luu quach to trieu vuong phung tu khuc nong lo dam giang lai tong van kim ' +
    'lang la mac truong ong nghiem chau thach quan hua dieu au bach cu giap khong lieu mach ninh nghiem ' +
    'tieu yen thieu quang han son vi'
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

/** The name under the signature block ("TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / Nguyễn Văn Phóng"). */
export function readSigner(lines: string[]): string | null {
  for (let index = 0; index < lines.length; index += 1) {
    if (!isSignatureLine(lines[index] ?? '')) continue;
    let seen = 0;
    for (let next = index + 1; next < lines.length && seen < 8; next += 1) {
      const line = lines[next] ?? '';
      if (line === '' || line.startsWith('-') || /^(nơi nhận|noi nhan)/i.test(line)) continue;
      const name = personName(line, true);
      if (name) return name;
      seen += 1;
    }
  }
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    const name = personName(lines[index] ?? '', false);
    if (name) return name;
  }
  return null;
}
