/**
 * What surrounds the tasks when a plan is copied from a web page or written by a commune that sets the
 * scene first: last year's results ("Năm 2019, Chỉ số PAPI của tỉnh đạt 42,85 điểm, xếp thứ 25/63,
 * giảm 3 bậc"), lead-ins ending "như sau:" before a list of tasks, and the site's chrome (font-size
 * buttons, share and print links, view counts) left between paragraphs. None of it is a task or a
 * target: a reader that takes it as one gives the person work to undo.
 */
import { pick, type Rng } from './rng.ts';

const CHROME = [
  'A A A',
  'Cỡ chữ: A- A A+',
  'Chia sẻ',
  'In trang',
  'Quay lại',
  'Lượt xem: 1.234',
  'Facebook | Zalo | Email',
  'Gửi bài viết qua email',
  'Bản in',
  '[Quảng cáo]',
];

const LEAD_INS = [
  'Các nhiệm vụ cụ thể như sau:',
  'Nội dung thực hiện như sau:',
  'Ủy ban nhân dân tỉnh yêu cầu các cơ quan, đơn vị triển khai như sau:',
];

/** Last year's results, as section I or a lead-in writes them; numbers vary with the seed. */
function results(year: number, rng: Rng): string[] {
  const rank = 10 + Math.floor(rng() * 40);
  const moved = 1 + Math.floor(rng() * 9);
  const direction = rng() < 0.5 ? 'giảm' : 'tăng';
  const points = (38 + rng() * 8).toFixed(2).replace('.', ',');
  const share = (75 + rng() * 20).toFixed(2).replace('.', ',');
  return [
    `Năm ${year - 1}, Chỉ số PAPI của tỉnh đạt ${points} điểm, xếp thứ ${rank}/63 tỉnh, thành phố, ${direction} ${moved} bậc so với năm ${year - 2}.`,
    `- Chỉ số SIPAS năm ${year - 1} đạt ${share}%, xếp thứ ${rank + 3}/63, ${direction} ${moved + 1} bậc.`,
    `Kết quả Chỉ số CCHC (PAR INDEX) năm ${year - 1} của tỉnh đạt ${share}%, xếp thứ ${rank - 2}/63, giảm ${moved} bậc so với năm trước.`,
  ];
}

const SECTION_II = /^(?:#+\s*)?(?:\*\*)?II[.\s]/u;
// A numbered heading of the tasks' section ("1. Cải cách thể chế:", "### **1. Đối với …**").
const NUMBERED_HEADING = /^(?:#+\s*)?(?:\*\*)?\d+\.\s/u;

/**
 * The plan with last year's results under section II's heading, a lead-in "… như sau:" after a few
 * numbered headings, and a chrome line at about `rate` of the blank lines.
 */
export function commentary(text: string, year: number, rng: Rng, rate = 0.06): string {
  const out: string[] = [];
  let inTasks = false;
  let resultsPlaced = false;
  for (const line of text.split('\n')) {
    out.push(line);
    if (!inTasks && SECTION_II.test(line.trim()) && /nhi[eệ]m v[uụ]/iu.test(line)) {
      inTasks = true;
      if (!resultsPlaced) {
        out.push('', ...results(year, rng).flatMap((paragraph) => [paragraph, '']));
        resultsPlaced = true;
      }
      continue;
    }
    if (inTasks && NUMBERED_HEADING.test(line.trim()) && rng() < 0.4) {
      out.push('', pick(rng, LEAD_INS));
      continue;
    }
    if (line.trim() === '' && rng() < rate) out.push(pick(rng, CHROME), '');
  }
  if (!resultsPlaced) out.unshift(...results(year, rng), '');
  return out.join('\n');
}
