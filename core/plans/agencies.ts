/**
 * Units named in a sentence, and who leads and who coordinates. Vietnamese plans put the lead first
 * ("Sở Tư pháp chủ trì, phối hợp với …", "UBND cấp huyện chỉ đạo UBND cấp xã …") or say "X chủ trì";
 * coordinating units follow "phối hợp (với)". A unit further into the sentence ("báo cáo UBND tỉnh",
 * "gửi Sở Nội vụ") is an object, not a lead.
 */
import {
  AGENCY_TABLE,
  GROUP_ALIASES,
  LEAD_PREFIXES,
  NAMED_UNIT_PREFIXES,
  UNIT_QUALIFIERS,
} from './agency-table.ts';
import {
  findAll,
  findPhrase,
  gapAfter,
  type MatchText,
  phraseKey,
  phraseTable,
  skeletonTable,
} from './match-key.ts';

export interface Mention {
  /** Word range. */
  from: number;
  to: number;
  units: string[];
}

const ALIASES = phraseTable<string[]>([
  ...AGENCY_TABLE.flatMap((entry) => entry.aliases.map((alias): [string, string[]] => [alias, [entry.name]])),
  ...GROUP_ALIASES.map((group): [string, string[]] => [group.alias, group.names]),
]);
const ALIAS_SKELETONS = skeletonTable(ALIASES);
const PREFIXES = phraseTable(
  NAMED_UNIT_PREFIXES.map((entry) => [
    entry.prefix,
    { name: entry.name, plural: /\bcác\b/.test(entry.prefix) },
  ]),
);
const words = (phrase: string) => phraseKey(phrase).trim().split(' ');
const LEAD_PREFIX_WORDS = LEAD_PREFIXES.map(words);
const QUALIFIER_WORDS = UNIT_QUALIFIERS.map(words).sort((a, b) => b.length - a.length);
const SUPPORT_CUES = ['phối hợp', 'cùng với', 'cơ quan phối hợp', 'đơn vị phối hợp'].map(phraseKey);
const LEAD_CUE = phraseKey('chủ trì');
// "Chủ trì: Sở Y tế", "Đơn vị thực hiện: UBND cấp xã", "Trách nhiệm: …" — a label, then the units.
const LEAD_LABELS = ['chủ trì', 'thực hiện', 'trách nhiệm', 'cơ quan chủ trì', 'đơn vị chủ trì'].map(
  phraseKey,
);
// "UBND tỉnh giao Sở Nội vụ …": the committee assigns; the unit after "giao" leads.
const ASSIGNING_WORDS = new Set(['giao', 'yeu', 'de']);
const LINKING_WORDS = new Set(['voi', 'chat', 'che', 'cung', 'thuc', 'hien']);

const TITLE_CASE = /^\p{Lu}(?:[\p{Ll}\d]*)$/u;

function sourceWord(text: MatchText, index: number): string {
  return text.source.slice(text.srcStarts[index] ?? 0, text.srcEnds[index] ?? 0);
}

function wordsAt(text: MatchText, index: number, sequence: string[]): boolean {
  return sequence.every((word, offset) => text.words[index + offset] === word);
}

/** Proper names after a prefix: "Lý Sơn"; with a plural prefix, a list: "Nghĩa Hành, Ba Tơ". */
function namesAfter(text: MatchText, start: number, plural: boolean): { names: string[]; end: number } {
  const names: string[] = [];
  let current: string[] = [];
  let index = start;
  while (index < text.words.length && current.length < 4) {
    const word = sourceWord(text, index);
    const gap = index > start ? gapAfter(text, index - 1) : '';
    if (
      plural &&
      current.length > 0 &&
      text.words[index] === 'va' &&
      TITLE_CASE.test(sourceWord(text, index + 1))
    ) {
      names.push(current.join(' '));
      current = [];
      index += 1;
      continue;
    }
    if (!TITLE_CASE.test(word) || /[.:;()]/.test(gap)) break;
    if (current.length > 0 && gap.includes(',')) {
      if (!plural) break;
      names.push(current.join(' '));
      current = [];
    }
    current.push(word);
    index += 1;
  }
  if (current.length > 0) names.push(current.join(' '));
  return { names, end: index };
}

/** Every unit named in the text, longest reading first, without overlaps, in text order. */
export function findMentions(text: MatchText): Mention[] {
  const hits: Mention[] = findAll(text, ALIASES).map(({ from, to, value }) => ({ from, to, units: value }));
  // A name an OCR damaged ("Sô Lao đong - Thương binh") is found by its letters' skeleton where no name was read.
  const exact = [...hits];
  for (const { from, to, value } of findAll(text, ALIAS_SKELETONS)) {
    if (!exact.some((other) => from < other.to && other.from < to)) hits.push({ from, to, units: value });
  }
  for (const { from, to, value } of findAll(text, PREFIXES)) {
    const { names, end } = namesAfter(text, to, value.plural);
    if (names.length > 0) hits.push({ from, to: end, units: names.map((name) => `${value.name} ${name}`) });
  }
  hits.sort((a, b) => b.to - b.from - (a.to - a.from) || a.from - b.from);
  const kept: Mention[] = [];
  for (const hit of hits) {
    if (!kept.some((other) => hit.from < other.to && other.from < hit.to)) kept.push(hit);
  }
  return kept.sort((a, b) => a.from - b.from);
}

function prefixLength(text: MatchText, index: number): number {
  return LEAD_PREFIX_WORDS.find((prefix) => wordsAt(text, index, prefix))?.length ?? 0;
}

function skipQualifiers(text: MatchText, index: number, starts: Map<number, Mention>): number {
  let at = index;
  while (at < text.words.length && !starts.has(at)) {
    const qualifier = QUALIFIER_WORDS.find((sequence) => wordsAt(text, at, sequence));
    if (qualifier) at += qualifier.length;
    else if (TITLE_CASE.test(sourceWord(text, at)) && !/[.,;:()]/.test(gapAfter(text, at - 1))) at += 1;
    else break;
  }
  return at;
}

/** A list of units from word `index`: "Sở A, Sở B và UBND cấp huyện", "Thủ trưởng các sở, …". */
function unitsFrom(
  text: MatchText,
  starts: Map<number, Mention>,
  index: number,
): { units: string[]; end: number } {
  const units: string[] = [];
  let at = index;
  let mayTakePrefix = true;
  for (;;) {
    let mention = starts.get(at);
    if (!mention && mayTakePrefix) {
      const skip = prefixLength(text, at);
      mention = skip > 0 ? starts.get(at + skip) : undefined;
    }
    if (!mention) break;
    units.push(...mention.units);
    at = skipQualifiers(text, mention.to, starts);
    const word = text.words[at];
    // The list goes on after "và"/"cùng" or a comma; a title ("Chủ tịch UBND …") may open the next item.
    if (word === 'va' || word === 'cung') {
      at += 1;
      mayTakePrefix = true;
    } else mayTakePrefix = /[,;]/.test(gapAfter(text, at - 1));
  }
  return { units, end: at };
}

function unique(units: string[]): string[] {
  return [...new Set(units)];
}

export interface Responsibility {
  lead: string[];
  support: string[];
}

/** Lead units (the sentence's subject, or "X chủ trì") and coordinating units ("phối hợp với Y"). */
export function responsibilityOf(text: MatchText): Responsibility {
  const mentions = findMentions(text);
  if (mentions.length === 0) return { lead: [], support: [] };
  const starts = new Map(mentions.map((mention) => [mention.from, mention]));
  let subjectStart = 0;
  for (
    let skip = prefixLength(text, 0);
    skip > 0 && !starts.has(subjectStart);
    skip = prefixLength(text, subjectStart)
  ) {
    subjectStart += skip;
  }
  const lead: string[] = [];
  const subject = unitsFrom(text, starts, subjectStart);
  if (ASSIGNING_WORDS.has(text.words[subject.end] ?? '') && prefixLength(text, subject.end) > 0) {
    lead.push(...unitsFrom(text, starts, subject.end + prefixLength(text, subject.end)).units);
  } else lead.push(...subject.units);
  const leadCues = findPhrase(text, LEAD_CUE);
  for (const mention of mentions) {
    const { units, end } = unitsFrom(text, starts, mention.from);
    if (units.length > 0 && leadCues.some((cue) => cue.from === end)) lead.push(...units);
  }
  for (const label of LEAD_LABELS) {
    for (const cue of findPhrase(text, label)) {
      if (/:/.test(gapAfter(text, cue.to - 1))) lead.push(...unitsFrom(text, starts, cue.to).units);
    }
  }
  const support: string[] = [];
  for (const key of SUPPORT_CUES) {
    for (const cue of findPhrase(text, key)) {
      // "phối hợp với Y", "phối hợp chặt chẽ với Y", "phối hợp Y": only linking words between cue and units.
      let at = cue.to;
      while (LINKING_WORDS.has(text.words[at] ?? '') && at < cue.to + 3) at += 1;
      support.push(...unitsFrom(text, starts, at).units);
    }
  }
  const leads = unique(lead);
  return { lead: leads, support: unique(support).filter((unit) => !leads.includes(unit)) };
}
