import { eq } from 'drizzle-orm';
import { checkAnswers } from '../../core/surveys/answers.ts';
import { isAsked, isScored, type SurveyAnswers } from '../../core/surveys/survey.ts';
import { addDays } from '../../core/text/dates.ts';
import { mutate } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/engine.ts';
import { surveyResponses, surveys } from '../db/schema/index.ts';
import { SYSTEM_ACTOR } from './initialise.ts';

/**
 * The demo province's satisfaction surveys of the last five quarters: a third of the communes (and
 * Phường Phố Hiến always) hand out the SIPAS questionnaire at the desk and online, each with its own
 * level of satisfaction and its own weak element, so the results screen has units to rank, small
 * samples to flag, comments to answer, a change to judge and a few responses flagged on arrival.
 */

const COMMENTS: Record<string, string[]> = {
  DV1: [
    'Phòng chờ chật, thiếu ghế ngồi vào buổi sáng.',
    'Máy lấy số hay bị hỏng.',
    'Biển chỉ dẫn nhỏ, khó tìm quầy.',
  ],
  DV2: ['Thành phần hồ sơ trên mạng khác với ở quầy.', 'Thủ tục còn phải nộp bản sao có chứng thực.'],
  DV3: [
    'Cán bộ hướng dẫn tận tình, dễ hiểu.',
    'Phải đi lại hai lần mới đủ hồ sơ.',
    'Cán bộ trả lời điện thoại chậm.',
  ],
  DV4: [
    'Trả kết quả trễ hẹn ba ngày, không được báo trước.',
    'Nhận kết quả đúng hẹn, cảm ơn bộ phận một cửa.',
  ],
  DV5: ['Gửi góp ý qua hộp thư nhưng không thấy trả lời.', 'Nên có số điện thoại đường dây nóng dán ở quầy.'],
};
const GENERAL = ['Nên mở cửa thêm sáng thứ Bảy.', 'Cần hướng dẫn nộp hồ sơ trực tuyến cho người cao tuổi.'];

/** The quarters ending with today's, oldest first (five of them). */
function lastQuarters(today: string): { code: string; first: string; last: string }[] {
  const year = Number(today.slice(0, 4));
  const quarter = Math.ceil(Number(today.slice(5, 7)) / 3);
  return Array.from({ length: 5 }, (_, i) => {
    const index = year * 4 + quarter - 1 - (4 - i);
    const y = Math.floor(index / 4);
    const q = (index % 4) + 1;
    const month = String(q * 3 - 2).padStart(2, '0');
    const end = new Date(Date.UTC(y, q * 3, 0)).toISOString().slice(0, 10);
    return { code: `${y}Q${q}`, first: `${y}-${month}-01`, last: end < today ? end : today };
  });
}

export async function loadDemoSurveys(
  db: Db,
  input: {
    today: string;
    communes: { id: number; code: string | null }[];
    random: () => number;
    now?: Clock | undefined;
  },
): Promise<number> {
  const [survey] = await db.select().from(surveys).where(eq(surveys.code, 'SIPAS'));
  if (!survey) return 0;
  const { definition } = survey;
  const { random } = input;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const taking = input.communes.filter((commune, index) => commune.code === '11953' || index % 3 === 0);
  const rows: (typeof surveyResponses.$inferInsert)[] = [];
  for (const commune of taking) {
    // Each desk its own level (share of 4–5 answers around 70–92 %) and its weakest element.
    const level = 0.7 + random() * 0.22;
    const weak = pick(['DV1', 'DV2', 'DV3', 'DV4', 'DV5']);
    const trend = (random() - 0.3) * 0.06;
    for (const [q, quarter] of lastQuarters(input.today).entries()) {
      const size = commune.code === '11953' ? 48 + q * 3 : Math.floor(8 + random() * 50);
      const days = Math.max(1, (Date.parse(quarter.last) - Date.parse(quarter.first)) / 86_400_000 + 1);
      for (let n = 0; n < size; n += 1) {
        const raw: SurveyAnswers = {};
        const online = random() < 0.3;
        // People differ more than questions do: each respondent's own leaning, as in real samples.
        const mood = (random() + random() - 1) * 0.45;
        for (const question of definition.questions) {
          if (!isAsked(question, raw)) continue;
          if (question.code === 'KENH') raw.KENH = online ? 2 : random() < 0.95 ? 1 : 3;
          else if (isScored(question)) {
            if (random() < 0.04) continue;
            const p = Math.min(
              0.99,
              Math.max(0.02, level + trend * q + mood - (question.element === weak ? 0.18 : 0)),
            );
            raw[question.code] =
              random() < p ? (random() < 0.35 ? 5 : 4) : random() < 0.6 ? 3 : random() < 0.7 ? 2 : 1;
          } else if (question.kind === 'yesno') raw[question.code] = random() < 0.04 ? 1 : 0;
          else if (question.kind === 'text' && random() < 0.05) {
            const pool = question.element ? COMMENTS[question.element] : GENERAL;
            if (pool) raw[question.code] = pick(pool);
          }
        }
        const { answers, issues } = checkAnswers(definition, raw);
        if (issues.length > 0) throw new Error(`demo survey answer: ${issues[0]?.question}`);
        const day = addDays(quarter.first, Math.floor(random() * days));
        const web = online || random() < 0.2;
        rows.push({
          surveyId: survey.id,
          unitId: commune.id,
          source: web ? 'web' : 'paper',
          status: 'submitted',
          answers,
          answeredAt: new Date(`${day}T${String(8 + Math.floor(random() * 9)).padStart(2, '0')}:15:00+07:00`),
          dossierChannel: online ? 'online_full' : 'direct',
          excludedReason: web && random() < 0.02 ? 'repeat' : null,
        });
      }
    }
  }
  await mutate({ db, actor: SYSTEM_ACTOR, ip: null, now: input.now }, async (tx, audit) => {
    for (let i = 0; i < rows.length; i += 500)
      await tx.insert(surveyResponses).values(rows.slice(i, i + 500));
    await audit({
      action: 'survey.demo_loaded',
      entityType: 'survey',
      entityId: survey.id,
      after: { responses: rows.length, units: taking.length },
    });
  });
  return rows.length;
}
