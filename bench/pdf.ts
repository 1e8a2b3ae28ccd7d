import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { ensureHeader } from '../core/plans/corpus/header.ts';
import { parsePlan } from '../core/plans/parse-plan.ts';
import { readDocument } from '../server/files/documents.ts';
import { ocrProgressMessage, recogniseScan } from '../server/files/ocr.ts';
import { readOfficeFile } from '../server/files/office.ts';
import { tesseractState } from '../server/files/system-tools.ts';
import { planTextToPdf, scannedPdf } from '../server/test/plan-pdf.ts';

/**
 * `npm run bench:pdf [-- --ocr N] [--json]`: a 30-page PDF with a text layer (the seed plans typeset by
 * pdf-lib with the Vietnamese font the project ships) read into the importer's text, worker start
 * included: the first read and the median of 5 (budget 3 s). With --ocr N, N of its pages drawn at
 * 300 dpi as a scan and recognised by Tesseract, reporting pages per minute as the job does.
 */
const { values } = parseArgs({ options: { json: { type: 'boolean' }, ocr: { type: 'string' } } });
const PAGES = 30;
const RUNS = 5;
const BUDGET_MS = 3000;

const seeds = ['hung-yen-papi-2020', 'hung-yen-cchc-2023', 'quang-ngai-par-papi-2017'].map((name) =>
  readFileSync(new URL(`../core/plans/fixtures/${name}.txt`, import.meta.url), 'utf8'),
);
let text = ensureHeader(seeds[0] as string, 'Ủy ban nhân dân tỉnh Hưng Yên');
let pdf = await planTextToPdf(text);
for (let next = 1; (await PDFDocument.load(pdf)).getPageCount() < PAGES; next++) {
  text += `\n\n${seeds[next % seeds.length]}`;
  pdf = await planTextToPdf(text);
}
const document = await PDFDocument.load(pdf);
while (document.getPageCount() > PAGES) document.removePage(document.getPageCount() - 1);
const data = Buffer.from(await document.save());

const times: number[] = [];
let tasks = 0;
for (let run = 0; run <= RUNS; run++) {
  const started = performance.now();
  const read = await readDocument('ke-hoach-30-trang.pdf', data);
  times.push(performance.now() - started);
  if (!('text' in read)) throw new Error('the benchmark PDF was taken for a scan');
  tasks = parsePlan(read.text).tasks.length;
}
const [first = 0, ...warm] = times;
const median = [...warm].sort((a, b) => a - b)[Math.floor(warm.length / 2)] ?? 0;
console.log(
  `${PAGES}-page PDF, ${(data.length / 1024).toFixed(0)} KiB, ${tasks} tasks read: first ${first.toFixed(0)} ms, ` +
    `median of ${RUNS} ${median.toFixed(0)} ms (budget ${BUDGET_MS} ms) ${first <= BUDGET_MS && median <= BUDGET_MS ? 'ok' : 'OVER'}`,
);

let ocr: { pages: number; perMinute: number } | null = null;
if (values.ocr) {
  const pages = Math.max(1, Math.min(PAGES, Number(values.ocr)));
  if ((await tesseractState('tesseract')) !== 'ready')
    console.log('OCR: Tesseract with its Vietnamese model is not installed');
  else {
    const pngs: Uint8Array[] = [];
    for (let page = 1; page <= pages; page++)
      pngs.push((await readOfficeFile({ kind: 'pdf-page', data, page, dpi: 300 })).png);
    const scan = await scannedPdf(pngs);
    const started = performance.now();
    let last = '';
    await recogniseScan('tesseract', { kind: 'pdf', data: scan, pages }, async (done, total) => {
      last = ocrProgressMessage(done, total, performance.now() - started, 'vi');
      console.log(`  ${last}`);
    });
    const perMinute = (pages * 60_000) / (performance.now() - started);
    ocr = { pages, perMinute: Number(perMinute.toFixed(2)) };
    console.log(`OCR of ${pages} scanned pages: ${last}`);
  }
}
if (values.json)
  console.log(JSON.stringify({ pages: PAGES, firstMs: Math.round(first), ms: Math.round(median), ocr }));
