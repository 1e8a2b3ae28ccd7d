/**
 * The parts of a plan around its tasks, kept as the document writes them (Nghị định 30/2020 layout):
 * the basis between the trích yếu and section I ("Căn cứ …", "Thực hiện …", "… như sau:"), section I
 * when it sets out purposes and requirements, the organisation section ("TỔ CHỨC THỰC HIỆN") and the
 * recipients under "Nơi nhận:".
 */
import { foldSameLength } from './match-key.ts';
import { isMostlyUpper, isSignatureLine } from './normalise.ts';
import { type PlanNode, writtenParagraphs } from './numbering.ts';
import { type SectionRole, titleOf } from './sections.ts';
import type { PlanParts } from './types.ts';

const BASIS_START = /^(can cu|thuc hien|theo de nghi|xet de nghi|nham|de)\b/;
const BASIS_END = /nhu sau\s*:?\s*$/;
const ORGANISATION = /^to chuc thuc hien\b/;
const RECIPIENTS = /^noi nhan\b/;
const ARCHIVE = /^luu\s*:/;
const DASH = /^[-–—•+]\s*/;

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * "Căn cứ …" up to the line that ends "… như sau:" (or the decision's "QUYẾT ĐỊNH:"): the paragraphs
 * before the first numbered section that are neither the title nor a line in capitals.
 */
function readBasis(candidates: string[], title: string | null): string[] {
  const titleKey = title ? foldSameLength(squash(title)) : '';
  const basis: string[] = [];
  for (const paragraph of candidates) {
    const folded = foldSameLength(squash(paragraph));
    if (basis.length === 0) {
      if (!BASIS_START.test(folded) || (titleKey !== '' && titleKey.includes(folded))) continue;
    } else if (isMostlyUpper(paragraph) || isSignatureLine(paragraph)) break;
    basis.push(squash(paragraph));
    if (BASIS_END.test(folded)) break;
  }
  return basis;
}

/** Section I when it sets out purposes and requirements ("MỤC ĐÍCH, YÊU CẦU", "QUAN ĐIỂM, MỤC TIÊU" …). */
function readPurposes(root: PlanNode, roles: Map<PlanNode, SectionRole>): string[] {
  const first = root.children[0];
  const role = first ? roles.get(first) : undefined;
  if (!first || (role !== 'purpose' && role !== 'objectives')) return [];
  return [...first.paragraphs.slice(1), ...writtenParagraphs(first)].map(squash);
}

/** The top-level section (or article) headed "Tổ chức thực hiện", its paragraphs as written. */
function readOrganisation(root: PlanNode): string[] {
  const section = root.children.find((node) =>
    ORGANISATION.test(foldSameLength(squash(titleOf(node))).replace(/^[^a-z]+/, '')),
  );
  if (!section) return [];
  // "Điều 2. Tổ chức thực hiện: Sở Nội vụ …": an article may carry its text after the heading.
  const head = titleOf(section).replace(/^[^:]*tổ chức thực hiện\s*[.:]?\s*/iu, '');
  const rest = head === '' || head === titleOf(section) ? [] : [head];
  return [...rest, ...section.paragraphs.slice(1), ...writtenParagraphs(section)].map(squash);
}

/** "Nơi nhận:" then one recipient a line ("- Bộ Nội vụ;"), without the archive copy ("- Lưu: VT, …"). */
export function readRecipients(lines: string[]): string[] {
  const start = lines.findIndex((line) => RECIPIENTS.test(foldSameLength(line.trim())));
  if (start === -1) return [];
  const recipients: string[] = [];
  let open = false;
  for (const raw of lines.slice(start + 1)) {
    const line = raw.trim();
    if (line === '') continue;
    if (DASH.test(line)) {
      const name = line.replace(DASH, '').trim();
      open = !/[;.]$/.test(name);
      if (!ARCHIVE.test(foldSameLength(name))) recipients.push(name);
      continue;
    }
    // A recipient wrapped onto the next line continues in lower case.
    const last = recipients.length - 1;
    if (open && last >= 0 && /^\p{Ll}/u.test(line)) {
      recipients[last] = `${recipients[last]} ${line}`;
      open = !/[;.]$/.test(line);
      continue;
    }
    break;
  }
  return recipients.map((name) => name.replace(/\s*[;.,]+$/, '').trim()).filter((name) => name !== '');
}

export interface PartsSource {
  /** Paragraphs before the plan proper (a decision's own text when it carries the plan). */
  preamble: string[];
  root: PlanNode;
  roles: Map<PlanNode, SectionRole>;
  /** The document's clean lines, for the recipients. */
  lines: string[];
  title: string | null;
}

/** The document's parts; null when it has none of them, so a plan without them stays as before. */
export function readPlanParts(source: PartsSource): PlanParts | null {
  const own = readBasis(source.root.paragraphs, source.title);
  const parts: PlanParts = {
    // A plan attached to a decision takes the decision's basis when it states none of its own.
    basis: own.length > 0 ? own : readBasis(source.preamble, source.title),
    purposes: readPurposes(source.root, source.roles),
    organisation: readOrganisation(source.root),
    recipients: readRecipients(source.lines),
  };
  const found = Object.values(parts).some((list) => list.length > 0);
  return found ? parts : null;
}
