import { eq } from 'drizzle-orm';
import { addDays } from '../../core/text/dates.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { Clock } from '../clock.ts';
import { feedbackItems } from '../db/schema/index.ts';
import { enterByStaff } from '../feedback/feedback-intake.ts';
import { citizenAct } from '../feedback/feedback-public.ts';
import { actOnFeedback } from '../feedback/feedback-workflow.ts';
import type { DemoCtx } from './demo-rounds.ts';

/**
 * The demo province's petitions of the last three months, so the inbox, the figures, the leader's
 * overview and the public list show a year in progress: answered on time and late, resolved or not,
 * rated, one forwarded to a department, one spam, a few overdue, two new. Entered as they arrived
 * (hotline, paper, Zalo, in person) by the coordinator and handled by each commune's own account or
 * the demo helper acting for it, every step dated when it would have happened. Phường Phố Hiến's
 * are all answered: its reporter's "new" inbox starts empty.
 */

type Step =
  | { after: number; type: 'accept' | 'start' | 'close' }
  | { after: number; type: 'answer'; outcome: 'resolved' | 'not_resolved'; answer: string; reason?: string }
  | { after: number; type: 'forward'; to: string; reason: string }
  | { after: number; type: 'spam'; reason: string }
  | { after: number; type: 'rate'; rating: 'satisfied' | 'not_satisfied' };

interface DemoPetition {
  commune: string;
  category: string;
  channel: 'hotline' | 'paper' | 'zalo' | 'in_person' | 'portal';
  daysAgo: number;
  text: string;
  name?: string;
  place?: string;
  steps: Step[];
}

const RESOLVED = (after: number, answer: string): Step => ({
  after,
  type: 'answer',
  outcome: 'resolved',
  answer,
});

export const DEMO_PETITIONS: readonly DemoPetition[] = [
  {
    commune: '11953',
    category: 'infrastructure',
    channel: 'hotline',
    daysAgo: 84,
    text: 'Đèn chiếu sáng trên đường Nguyễn Văn Linh đoạn qua tổ dân phố 5 hỏng nhiều ngày, buổi tối rất tối.',
    name: 'Nguyễn Thị Hoa',
    place: 'Đường Nguyễn Văn Linh, đoạn trước tổ dân phố 5',
    steps: [
      { after: 1, type: 'accept' },
      RESOLVED(5, 'Phường đã phối hợp với đơn vị quản lý chiếu sáng thay 6 bóng đèn ngày hôm nay.'),
      { after: 7, type: 'rate', rating: 'satisfied' },
      { after: 9, type: 'close' },
    ],
  },
  {
    commune: '11953',
    category: 'administrative_procedures',
    channel: 'in_person',
    daysAgo: 40,
    text: 'Thủ tục đăng ký khai sinh cho con phải đi lại ba lần vì mỗi lần được hướng dẫn bổ sung một giấy tờ khác nhau.',
    steps: [
      { after: 0, type: 'accept' },
      RESOLVED(
        4,
        'Phường đã rà soát, niêm yết lại đầy đủ thành phần hồ sơ và nhắc nhở công chức tiếp nhận hướng dẫn một lần.',
      ),
      { after: 6, type: 'rate', rating: 'satisfied' },
    ],
  },
  {
    commune: '11977',
    category: 'environment',
    channel: 'zalo',
    daysAgo: 75,
    text: 'Bãi rác tự phát ở cuối ngõ 3 thôn Đông bốc mùi, chưa được thu gom.',
    place: 'Cuối ngõ 3, thôn Đông',
    steps: [
      { after: 1, type: 'accept' },
      { after: 2, type: 'start' },
      RESOLVED(9, 'Đã thu gom, đặt biển cấm đổ rác và giao tổ dân phố giám sát.'),
      { after: 12, type: 'rate', rating: 'satisfied' },
      { after: 15, type: 'close' },
    ],
  },
  {
    commune: '11977',
    category: 'order_security',
    channel: 'hotline',
    daysAgo: 30,
    text: 'Quán karaoke ở khu chợ mở nhạc to sau 22 giờ nhiều đêm liền.',
    steps: [
      { after: 1, type: 'accept' },
      RESOLVED(
        6,
        'Công an phường đã kiểm tra, lập biên bản và yêu cầu chủ quán cam kết không hoạt động sau 22 giờ.',
      ),
    ],
  },
  {
    commune: '11980',
    category: 'land',
    channel: 'paper',
    daysAgo: 70,
    text: 'Đề nghị kiểm tra việc một hộ xây tường lấn sang lối đi chung của xóm.',
    name: 'Lê Văn Tâm',
    steps: [
      { after: 2, type: 'accept' },
      {
        after: 20,
        type: 'answer',
        outcome: 'not_resolved',
        answer:
          'Phường đã đo đạc hiện trạng; việc lấn chiếm cần hòa giải hoặc xử lý theo thẩm quyền, đang lập hồ sơ.',
        reason: 'Cần thêm thời gian xác minh ranh giới thửa đất.',
      },
      { after: 25, type: 'rate', rating: 'not_satisfied' },
    ],
  },
  {
    commune: '11980',
    category: 'social_policy',
    channel: 'in_person',
    daysAgo: 50,
    text: 'Gia đình có người khuyết tật nặng nhưng chưa được xét hưởng trợ cấp xã hội hằng tháng.',
    steps: [
      { after: 1, type: 'accept' },
      RESOLVED(
        8,
        'Phường đã tiếp nhận hồ sơ, trình hội đồng xét duyệt; gia đình được hưởng trợ cấp từ tháng sau.',
      ),
      { after: 10, type: 'rate', rating: 'satisfied' },
    ],
  },
  {
    commune: '11983',
    category: 'infrastructure',
    channel: 'portal',
    daysAgo: 60,
    text: 'Mặt đường liên xã đoạn qua cầu Đỏ có nhiều ổ gà lớn, nguy hiểm cho học sinh đi xe đạp.',
    steps: [
      { after: 2, type: 'accept' },
      { after: 3, type: 'start' },
      RESOLVED(30, 'Đã vá các ổ gà và đưa đoạn đường vào kế hoạch sửa chữa năm sau.'),
    ],
  },
  {
    commune: '11983',
    category: 'official_attitude',
    channel: 'hotline',
    daysAgo: 24,
    text: 'Cán bộ bộ phận một cửa trả lời thiếu tôn trọng khi người dân hỏi về tiến độ hồ sơ.',
    steps: [{ after: 1, type: 'accept' }],
  },
  {
    commune: '12073',
    category: 'environment',
    channel: 'zalo',
    daysAgo: 45,
    text: 'Nước thải từ cơ sở chế biến nông sản chảy ra mương tưới, cá chết nhiều.',
    steps: [
      { after: 1, type: 'accept' },
      {
        after: 3,
        type: 'forward',
        to: '33.SNNMT',
        reason: 'Cơ sở do tỉnh cấp phép môi trường: thuộc thẩm quyền kiểm tra của Sở.',
      },
    ],
  },
  {
    commune: '12073',
    category: 'other',
    channel: 'zalo',
    daysAgo: 20,
    text: 'Mua bán nhà đất giá rẻ, liên hệ ngay số điện thoại trong ảnh.',
    steps: [{ after: 0, type: 'spam', reason: 'Tin quảng cáo, không phải phản ánh.' }],
  },
  {
    commune: '12091',
    category: 'administrative_procedures',
    channel: 'hotline',
    daysAgo: 35,
    text: 'Hồ sơ cấp đổi giấy chứng nhận quyền sử dụng đất nộp đã hơn hai tháng chưa có kết quả, không được báo lý do.',
    steps: [
      { after: 2, type: 'accept' },
      { after: 4, type: 'start' },
    ],
  },
  {
    commune: '12091',
    category: 'infrastructure',
    channel: 'paper',
    daysAgo: 12,
    text: 'Cống thoát nước ở ngã ba chợ bị tắc, mưa xuống là ngập cả đoạn đường.',
    place: 'Ngã ba chợ, cạnh nhà văn hóa',
    steps: [{ after: 1, type: 'accept' }],
  },
  {
    commune: '12103',
    category: 'social_policy',
    channel: 'in_person',
    daysAgo: 16,
    text: 'Đề nghị xem xét hỗ trợ sửa nhà cho hộ cận nghèo có nhà bị dột nát sau bão.',
    steps: [
      { after: 1, type: 'accept' },
      RESOLVED(
        7,
        'Ủy ban đã đưa hộ vào danh sách hỗ trợ sửa nhà của Quỹ Vì người nghèo, dự kiến hoàn thành trong tháng.',
      ),
    ],
  },
  {
    commune: '12619',
    category: 'order_security',
    channel: 'hotline',
    daysAgo: 2,
    text: 'Xe tải chở vật liệu chạy tốc độ cao qua cổng trường tiểu học vào giờ tan học.',
    steps: [],
  },
  {
    commune: '12103',
    category: 'environment',
    channel: 'zalo',
    daysAgo: 1,
    text: 'Đốt rơm rạ ngoài đồng gây khói mù cả khu dân cư vào buổi tối.',
    steps: [],
  },
];

export interface FeedbackScene {
  today: string;
  coordinator: SessionUser;
  communes: { id: number; code: string | null; path: string; name: string }[];
  departments: { id: number; code: string | null; path: string; name: string }[];
  as: (user: SessionUser, clock: Clock) => DemoCtx;
  actingFor: (
    role: 'unit_head' | 'unit_reporter',
    unit: { id: number; path: string; name: string },
  ) => SessionUser;
  at: (date: string, minutes?: number) => Clock;
}

/** Enters and handles the demo petitions; returns how many. Steps later than today are not taken. */
export async function loadDemoFeedback(scene: FeedbackScene): Promise<number> {
  const { today, coordinator, as, at } = scene;
  const units = [...scene.communes, ...scene.departments];
  const unitOf = (code: string) => {
    const unit = units.find((entry) => entry.code === code);
    if (!unit) throw new Error(`demo feedback: unit ${code} is missing`);
    return unit;
  };
  for (const [index, petition] of DEMO_PETITIONS.entries()) {
    const receivedOn = addDays(today, -petition.daysAgo);
    const commune = unitOf(petition.commune);
    const entered = await enterByStaff(as(coordinator, at(receivedOn, index)), {
      kind: 'pakn_general',
      categoryCode: petition.category,
      communeCode: petition.commune,
      lat: null,
      lng: null,
      text: petition.text,
      placeText: petition.place ?? null,
      citizenName: petition.name ?? null,
      publishName: false,
      contactPhone: null,
      contactEmail: null,
      contactAddress: null,
      keepLocation: false,
      channel: petition.channel,
      signed: false,
      mixed: false,
      receivedOn,
    });
    let handler = scene.actingFor('unit_reporter', commune);
    for (const step of petition.steps) {
      const on = addDays(receivedOn, step.after);
      if (on > today) break;
      const clock = at(on, 60 + index);
      if (step.type === 'rate') {
        await citizenAct(as(coordinator, clock), entered.code, entered.token, {
          type: 'rate',
          rating: step.rating,
        });
        continue;
      }
      const ctx = as(handler, clock);
      const { version } = await currentVersion(ctx, entered.id);
      if (step.type === 'forward') {
        const to = unitOf(step.to);
        await actOnFeedback(ctx, entered.id, {
          type: 'forward',
          toUnitId: to.id,
          reason: step.reason,
          version,
        });
        handler = scene.actingFor('unit_reporter', to);
      } else if (step.type === 'answer')
        await actOnFeedback(ctx, entered.id, {
          type: 'answer',
          outcome: step.outcome,
          answer: step.answer,
          reason: step.reason ?? null,
          version,
        });
      else if (step.type === 'spam')
        await actOnFeedback(ctx, entered.id, { type: 'spam', reason: step.reason, version });
      else await actOnFeedback(ctx, entered.id, { type: step.type, version });
    }
  }
  return DEMO_PETITIONS.length;
}

async function currentVersion(ctx: DemoCtx, id: number): Promise<{ version: number }> {
  const [row] = await ctx.db
    .select({ version: feedbackItems.version })
    .from(feedbackItems)
    .where(eq(feedbackItems.id, id));
  if (!row) throw new Error(`demo feedback: item ${id} is missing`);
  return row;
}
