/**
 * The importer's corpus of documents it has never seen (issue 18): every seed plan under every failure
 * class, and a few classes composed as a real scan composes them, each with the clean parse of its seed
 * as the reference. The seeds are passed in (the core reads no files); a fixed seed makes the corpus
 * the same on every run.
 */
import { parsePlan } from '../parse-plan.ts';
import type { ParsedPlan, PlanDocument } from '../types.ts';
import { commentary } from './commentary.ts';
import {
  ensureHeader,
  hardWraps,
  legalDatabaseWrap,
  mergeHeader,
  newsQuote,
  ocrConfusions,
  type Rng,
  runningHeads,
  seededRng,
  stripDiacritics,
  tableHeader,
} from './degrade.ts';

/** The seed plans' fixture files (core/plans/fixtures/). */
export const SEED_FILES = [
  'hung-yen-papi-2020.txt',
  'hung-yen-cchc-2023.txt',
  'quang-ngai-par-papi-2017.txt',
];

export interface Seed {
  name: string;
  text: string;
}

type Degrade = (text: string, document: PlanDocument, rng: Rng) => string;

interface FailureClass {
  name: string;
  /** Whether the class draws from the seeded sequence (then it is sampled several times). */
  isRandom: boolean;
  degrade: Degrade;
}

const withHeader: Degrade = (text, document) => ensureHeader(text, document.issuer);

/** Each failure class of issue 18, alone, then composed; "clean" and "header" are the controls. */
export const FAILURE_CLASSES: readonly FailureClass[] = [
  { name: 'clean', isRandom: false, degrade: (text) => text },
  { name: 'header', isRandom: false, degrade: withHeader },
  { name: 'stripDiacritics', isRandom: false, degrade: (text) => stripDiacritics(text) },
  { name: 'ocrConfusions', isRandom: true, degrade: (text, _, rng) => ocrConfusions(text, rng) },
  {
    name: 'mergeHeader',
    isRandom: false,
    degrade: (text, doc, rng) => mergeHeader(withHeader(text, doc, rng)),
  },
  {
    name: 'tableHeader',
    isRandom: false,
    degrade: (text, doc, rng) => tableHeader(withHeader(text, doc, rng)),
  },
  { name: 'runningHeads', isRandom: true, degrade: (text, _, rng) => runningHeads(text, rng) },
  { name: 'hardWraps', isRandom: true, degrade: (text, _, rng) => hardWraps(text, rng) },
  { name: 'legalDatabase', isRandom: true, degrade: legalDatabaseWrap },
  { name: 'newsQuote', isRandom: true, degrade: newsQuote },
  {
    name: 'commentary',
    isRandom: true,
    degrade: (text, doc, rng) => commentary(text, Number(doc.issuedOn?.slice(0, 4) ?? 2020), rng),
  },
  {
    name: 'scan',
    isRandom: true,
    degrade: (text, doc, rng) =>
      ocrConfusions(runningHeads(hardWraps(mergeHeader(withHeader(text, doc, rng)), rng), rng), rng),
  },
  {
    name: 'scan+noDiacritics',
    isRandom: true,
    degrade: (text, doc, rng) =>
      stripDiacritics(runningHeads(hardWraps(mergeHeader(withHeader(text, doc, rng)), rng), rng)),
  },
  {
    name: 'legalDatabase+noDiacritics',
    isRandom: true,
    degrade: (text, doc, rng) => stripDiacritics(legalDatabaseWrap(text, doc, rng)),
  },
  {
    name: 'newsQuote+hardWraps',
    isRandom: true,
    degrade: (text, doc, rng) => hardWraps(newsQuote(text, doc, rng), rng),
  },
];

export interface CorpusEntry {
  /** "hung-yen-papi-2020/ocrConfusions/2". */
  id: string;
  seed: string;
  failureClass: string;
  text: string;
  /** The clean seed's parse: what the degraded text should give back. */
  reference: ParsedPlan;
}

/** Samples of each random class per seed. */
export const SAMPLES = 3;

/** The corpus: seeds × classes (× `samples` for the random ones), the same for the same `seed`. */
export function buildCorpus(seeds: Seed[], seed = 18, samples = SAMPLES): CorpusEntry[] {
  return seeds.flatMap((plan, seedIndex) => {
    const reference = parsePlan(plan.text);
    const name = plan.name.replace(/\.txt$/, '');
    return FAILURE_CLASSES.flatMap((failureClass, classIndex) =>
      Array.from({ length: failureClass.isRandom ? samples : 1 }, (_, sample) => {
        const rng = seededRng(seed * 1_000_003 + seedIndex * 10_007 + classIndex * 101 + sample);
        return {
          id: `${name}/${failureClass.name}/${sample + 1}`,
          seed: name,
          failureClass: failureClass.name,
          text: failureClass.degrade(plan.text, reference.document, rng),
          reference,
        };
      }),
    );
  });
}
