import { ROLES } from '../auth/roles.ts';
import { STAGE_NAMES } from '../frameworks/rounds.ts';
import { ITEM_STATUS_NAMES } from '../plans/plan-views.ts';
import { REPORT_STATUS_NAMES } from '../reports/report.ts';
import { UNIT_TYPES } from '../units/unit-types.ts';
import type { AuditEventView } from './audit-event.ts';

/**
 * The audit trail in words: each action as a sentence with the names of what it touched ("Nguyễn Văn A
 * đã chấm tiêu chí 'XA.1.2 …' của Xã X trong đợt đánh giá '…'"), and each recorded field by its name.
 * Placeholders: {actor}, {entity}, {unit}, {round}, {criterion}, {period}.
 */
type Words = { vi: string; en: string };
export type AuditLocale = 'vi' | 'en';

const scoreSentence = (vi: string, en: string): Words => ({
  vi: `{actor} đã ${vi} tiêu chí “{criterion}” của {unit} trong đợt đánh giá “{round}”`,
  en: `{actor} ${en} criterion “{criterion}” of {unit} in the assessment round “{round}”`,
});
const reportSentence = (vi: string, en: string): Words => ({
  vi: `{actor} đã ${vi} báo cáo {period} của {unit}`,
  en: `{actor} ${en} the {period} report of {unit}`,
});

const feedbackSentence = (vi: string, en: string): Words => ({
  vi: `{actor} đã ${vi} phản ánh {entity}`,
  en: `{actor} ${en} the feedback {entity}`,
});

const dialogueSentence = (vi: string, en: string): Words => ({
  vi: `{actor} đã ${vi} buổi đối thoại của {unit}`,
  en: `{actor} ${en} the dialogue of {unit}`,
});

/** Reception days and the register: the unit named, never the citizen (the register's data stays in it). */
const receptionSentence = (vi: string, en: string): Words => ({
  vi: `{actor} đã ${vi} của {unit}`,
  en: `{actor} ${en} of {unit}`,
});

const ACTIONS: Record<string, Words> = {
  'auth.login': { vi: '{actor} đã đăng nhập', en: '{actor} signed in' },
  'auth.logout': { vi: '{actor} đã đăng xuất', en: '{actor} signed out' },
  'user.created': { vi: '{actor} đã tạo tài khoản {entity}', en: '{actor} created the account of {entity}' },
  'user.updated': {
    vi: '{actor} đã sửa thông tin tài khoản {entity}',
    en: '{actor} changed the account of {entity}',
  },
  'user.role_granted': { vi: '{actor} đã giao vai trò cho {entity}', en: '{actor} gave {entity} a role' },
  'user.role_revoked': {
    vi: '{actor} đã thu hồi một vai trò của {entity}',
    en: '{actor} took a role away from {entity}',
  },
  'user.password_reset': {
    vi: '{actor} đã đặt lại mật khẩu của {entity}',
    en: '{actor} reset the password of {entity}',
  },
  'user.password_changed': { vi: '{actor} đã đổi mật khẩu', en: '{actor} changed their password' },
  'user.preferences_updated': {
    vi: '{actor} đã đổi cài đặt cá nhân',
    en: '{actor} changed their preferences',
  },
  'unit.created': { vi: '{actor} đã thêm đơn vị {entity}', en: '{actor} added the unit {entity}' },
  'unit.updated': { vi: '{actor} đã sửa thông tin đơn vị {entity}', en: '{actor} changed the unit {entity}' },
  'unit.contacts': {
    vi: '{actor} đã cập nhật thông tin liên hệ công khai của {entity}',
    en: '{actor} updated the public contacts of {entity}',
  },
  'unit.closed': {
    vi: '{actor} đã đóng đơn vị {entity} (giải thể, sáp nhập)',
    en: '{actor} closed the unit {entity} (dissolved or merged)',
  },
  'unit.reopened': { vi: '{actor} đã mở lại đơn vị {entity}', en: '{actor} reopened the unit {entity}' },
  'unit.moved': {
    vi: '{actor} đã chuyển đơn vị {entity} sang đơn vị cấp trên khác',
    en: '{actor} moved the unit {entity} under another parent',
  },
  'unit.imported': {
    vi: '{actor} đã nhập danh sách đơn vị từ tệp',
    en: '{actor} imported units from a file',
  },
  'plan.create': { vi: '{actor} đã tạo kế hoạch “{entity}”', en: '{actor} created the plan “{entity}”' },
  'plan.update': { vi: '{actor} đã sửa kế hoạch “{entity}”', en: '{actor} changed the plan “{entity}”' },
  'plan.issue': {
    vi: '{actor} đã ban hành kế hoạch “{entity}”',
    en: '{actor} issued the plan “{entity}”',
  },
  'plan.publish': {
    vi: '{actor} đã công khai kế hoạch “{entity}” trên trang công khai',
    en: '{actor} made the plan “{entity}” public',
  },
  'plan.unpublish': {
    vi: '{actor} đã thôi công khai kế hoạch “{entity}”',
    en: '{actor} took the plan “{entity}” off the public site',
  },
  'plan.withdraw': {
    vi: '{actor} đã thu hồi kế hoạch “{entity}” về dự thảo',
    en: '{actor} withdrew the plan “{entity}” to a draft',
  },
  'plan.target.update': {
    vi: '{actor} đã sửa một chỉ tiêu của kế hoạch',
    en: '{actor} changed a target of a plan',
  },
  'plan.item.update': {
    vi: '{actor} đã cập nhật nhiệm vụ “{entity}”',
    en: '{actor} updated the task “{entity}”',
  },
  'evidence.add': { vi: '{actor} đã đính kèm minh chứng', en: '{actor} attached evidence' },
  'evidence.remove': { vi: '{actor} đã gỡ một minh chứng', en: '{actor} removed evidence' },
  'evidence.add:plan_item': {
    vi: '{actor} đã đính kèm minh chứng cho nhiệm vụ “{entity}”',
    en: '{actor} attached evidence to the task “{entity}”',
  },
  'evidence.remove:plan_item': {
    vi: '{actor} đã gỡ minh chứng của nhiệm vụ “{entity}”',
    en: '{actor} removed evidence from the task “{entity}”',
  },
  'evidence.add:feedback': feedbackSentence('đính kèm tệp vào', 'attached a file to'),
  'feedback.receive': feedbackSentence('tiếp nhận', 'received'),
  'feedback.accept': feedbackSentence('nhận xử lý', 'accepted'),
  'feedback.start': feedbackSentence('bắt đầu xử lý', 'started work on'),
  'feedback.forward': {
    vi: '{actor} đã chuyển phản ánh {entity} sang đơn vị khác',
    en: '{actor} forwarded the feedback {entity} to another unit',
  },
  'feedback.ask_info': feedbackSentence('hỏi người gửi về', 'asked the sender about'),
  'feedback.info_given': feedbackSentence(
    'ghi nhận bổ sung của người gửi cho',
    'recorded what the sender added to',
  ),
  'feedback.answer': feedbackSentence('trả lời', 'answered'),
  'feedback.close': feedbackSentence('đóng', 'closed'),
  'feedback.not_competent': {
    vi: '{actor} đã đóng phản ánh {entity} (không thuộc thẩm quyền)',
    en: '{actor} closed the feedback {entity} (not in its competence)',
  },
  'feedback.duplicate': {
    vi: '{actor} đã đánh dấu phản ánh {entity} là trùng',
    en: '{actor} marked the feedback {entity} as a duplicate',
  },
  'feedback.spam': {
    vi: '{actor} đã đánh dấu phản ánh {entity} là spam',
    en: '{actor} marked the feedback {entity} as spam',
  },
  'feedback.file': feedbackSentence('đính kèm tệp vào', 'attached a file to'),
  'feedback.note': feedbackSentence('ghi chú nội bộ vào', 'added an internal note to'),
  'feedback.citizen_rate': feedbackSentence('đánh giá câu trả lời của', 'rated the answer to'),
  'feedback.citizen_reopen': feedbackSentence('mở lại', 'reopened'),
  'feedback.citizen_reply': feedbackSentence('bổ sung thông tin cho', 'added information to'),
  'feedback.due_reminder': feedbackSentence('nhắc hạn trả lời', 'sent a due-date reminder for'),
  'feedback.extend': feedbackSentence('gia hạn giải quyết', 'extended the time to resolve'),
  'feedback.commune_areas': {
    vi: '{actor} đã nạp ranh giới xã, phường để xác định vị trí phản ánh',
    en: '{actor} loaded the communes’ boundaries for locating petitions',
  },
  'dialogue.create': dialogueSentence('ghi nhận', 'recorded'),
  'dialogue.update': dialogueSentence('sửa thông tin', 'changed'),
  'dialogue.question.add': dialogueSentence('thêm câu hỏi vào', 'added a question to'),
  'dialogue.question.update': dialogueSentence(
    'sửa câu hỏi, câu trả lời của',
    'changed a question or answer of',
  ),
  'dialogue.question.move': dialogueSentence('đổi thứ tự câu hỏi của', 'reordered the questions of'),
  'dialogue.question.remove': dialogueSentence('xóa một câu hỏi của', 'removed a question from'),
  'dialogue.commitment.add': dialogueSentence(
    'ghi cam kết (giao nhiệm vụ cho đơn vị chủ trì) tại',
    'recorded a commitment (a task for its lead unit) at',
  ),
  'dialogue.commitment.remove': dialogueSentence('xóa một cam kết của', 'removed a commitment from'),
  'dialogue.publish': dialogueSentence('công khai', 'published'),
  'dialogue.unpublish': dialogueSentence('gỡ khỏi trang công khai', 'took down'),
  'evidence.add:round_score': scoreSentence('đính kèm minh chứng cho', 'attached evidence to'),
  'evidence.remove:round_score': scoreSentence('gỡ minh chứng của', 'removed evidence from'),
  'round.score.self': scoreSentence('tự chấm', 'self-scored'),
  'round.score.appraisal1': scoreSentence('thẩm định lần 1', 'appraised (first appraisal)'),
  'round.score.explanation': scoreSentence('giải trình', 'explained'),
  'round.score.appraisal2': scoreSentence('thẩm định lần 2', 'appraised (second appraisal)'),
  'round.score.final': scoreSentence('chấm', 'scored'),
  'round.create': {
    vi: '{actor} đã mở đợt đánh giá “{round}”',
    en: '{actor} opened the assessment round “{round}”',
  },
  'round.update': {
    vi: '{actor} đã sửa đợt đánh giá “{round}”',
    en: '{actor} changed the assessment round “{round}”',
  },
  'round.advance': {
    vi: '{actor} đã chuyển đợt đánh giá “{round}” sang giai đoạn tiếp theo',
    en: '{actor} moved the assessment round “{round}” to its next stage',
  },
  'round.adjust': {
    vi: '{actor} đã cộng, trừ điểm của {unit} trong đợt đánh giá “{round}”',
    en: '{actor} set the bonus and penalty points of {unit} in the assessment round “{round}”',
  },
  'round.reopen': {
    vi: '{actor} đã mở lại việc tự đánh giá trong đợt “{round}”',
    en: '{actor} reopened self-assessment in the round “{round}”',
  },
  'round.self.submit': {
    vi: '{actor} đã gửi bản tự đánh giá của {unit} trong đợt “{round}”',
    en: '{actor} sent the self-assessment of {unit} in the round “{round}”',
  },
  'round.publication.withdraw': {
    vi: '{actor} đã thu hồi công bố kết quả đợt đánh giá “{round}”',
    en: '{actor} withdrew the published results of the assessment round “{round}”',
  },
  'report.open': reportSentence('lập', 'started'),
  'report.save': reportSentence('lưu', 'saved'),
  'report.submit': reportSentence('gửi', 'sent'),
  'report.return': reportSentence('trả lại', 'returned'),
  'report.accept': reportSentence('tiếp nhận', 'accepted'),
  'report.lock': reportSentence('khóa', 'locked'),
  'report.reopen': reportSentence('mở lại', 'reopened'),
  'framework.create': {
    vi: '{actor} đã thêm khung chỉ số “{entity}”',
    en: '{actor} added the framework “{entity}”',
  },
  'framework.update': {
    vi: '{actor} đã sửa khung chỉ số “{entity}”',
    en: '{actor} changed the framework “{entity}”',
  },
  'indicator_target.create': {
    vi: '{actor} đã đặt mục tiêu cho chỉ số “{entity}”',
    en: '{actor} set a target for the indicator “{entity}”',
  },
  'indicator_target.update': {
    vi: '{actor} đã sửa mục tiêu của chỉ số “{entity}”',
    en: '{actor} changed a target of the indicator “{entity}”',
  },
  'indicator_target.delete': {
    vi: '{actor} đã xóa mục tiêu của chỉ số “{entity}”',
    en: '{actor} deleted a target of the indicator “{entity}”',
  },
  'indicator_values.save': {
    vi: '{actor} đã nhập số liệu chỉ số của {entity}',
    en: '{actor} entered indicator values for {entity}',
  },
  'dossiers.imported': {
    vi: '{actor} đã nhập tệp hồ sơ thủ tục hành chính',
    en: '{actor} imported a file of administrative dossiers',
  },
  'dossiers.mapping_saved': {
    vi: '{actor} đã lưu cách ghép cột của tệp hồ sơ',
    en: '{actor} saved a column mapping for dossier files',
  },
  'dossier.apology_issued': {
    vi: '{actor} đã ghi nhận thư xin lỗi cho hồ sơ trễ hạn {entity}',
    en: '{actor} recorded a letter of apology for the late dossier {entity}',
  },
  'dossier.apology_withdrawn': {
    vi: '{actor} đã bỏ ghi nhận thư xin lỗi của hồ sơ {entity}',
    en: '{actor} withdrew the letter of apology of the dossier {entity}',
  },
  'job.start': { vi: '{actor} đã yêu cầu một việc chạy nền', en: '{actor} started a background job' },
  'notification.mail.claim': {
    vi: 'Chuẩn bị gửi thư điện tử thông báo cho cán bộ',
    en: 'Preparing e-mail copies of notifications for staff',
  },
  'notification.mail.result': {
    vi: 'Đã gửi thư điện tử thông báo cho cán bộ',
    en: 'E-mail copies of notifications sent to staff',
  },
  'feedback.mail.claim': {
    vi: 'Chuẩn bị gửi thư điện tử báo người gửi phản ánh',
    en: 'Preparing e-mail to the senders of petitions',
  },
  'feedback.mail.result': {
    vi: 'Đã gửi thư điện tử báo người gửi phản ánh',
    en: 'E-mail sent to the senders of petitions',
  },
  'feedback.sms.claim': {
    vi: 'Chuẩn bị nhắn tin báo người gửi phản ánh',
    en: 'Preparing text messages to the senders of petitions',
  },
  'feedback.sms.result': {
    vi: 'Đã nhắn tin báo người gửi phản ánh',
    en: 'Text messages sent to the senders of petitions',
  },
  'notification.read': { vi: '{actor} đã đọc một thông báo', en: '{actor} read a notification' },
  'notification.read_all': {
    vi: '{actor} đã đánh dấu đã đọc tất cả thông báo',
    en: '{actor} marked all notifications as read',
  },
  'reminder.sending': { vi: 'Đang gửi thư nhắc hạn tới {unit}', en: 'Sending a reminder to {unit}' },
  'reminder.sent': { vi: 'Đã gửi thư nhắc hạn tới {unit}', en: 'Reminder sent to {unit}' },
  'reminder.failed': { vi: 'Gửi thư nhắc hạn tới {unit} bị lỗi', en: 'Reminder to {unit} failed' },
  'reminder.no_recipients': {
    vi: '{unit} chưa có người nhận thư nhắc hạn',
    en: '{unit} has nobody to send a reminder to',
  },
  'settings.reminders': {
    vi: '{actor} đã đổi cài đặt nhắc hạn',
    en: '{actor} changed the reminder settings',
  },
  'settings.reporting_regime': {
    vi: '{actor} đã đổi lịch báo cáo định kỳ',
    en: '{actor} changed the reporting calendar',
  },
  'settings.feedback_routing': {
    vi: '{actor} đã đổi bảng phân công xử lý phản ánh',
    en: '{actor} changed the feedback routing table',
  },
  'settings.feedback_categories': {
    vi: '{actor} đã sửa danh sách lĩnh vực phản ánh',
    en: '{actor} changed the list of petition categories',
  },
  'settings.feedback_clock': {
    vi: '{actor} đã đổi thời hạn xử lý phản ánh của tỉnh',
    en: '{actor} changed the province’s feedback time limits',
  },
  'settings.public.site': {
    vi: '{actor} đã thay biểu trưng của trang công khai',
    en: '{actor} changed the public site’s emblem',
  },
  'settings.reception_settings': {
    vi: '{actor} đã đổi cài đặt tiếp công dân của tỉnh',
    en: '{actor} changed the province’s citizen reception settings',
  },
  'reception.rule.create': receptionSentence('thêm lịch tiếp định kỳ', 'added a standing reception day'),
  'reception.rule.update': receptionSentence('sửa lịch tiếp định kỳ', 'changed a standing reception day'),
  'reception.rule.delete': receptionSentence('xóa lịch tiếp định kỳ', 'deleted a standing reception day'),
  'reception.session.generate': receptionSentence(
    'lập các buổi tiếp dự kiến',
    'planned the reception sessions',
  ),
  'reception.session.create': receptionSentence('thêm một buổi tiếp', 'added a reception session'),
  'reception.session.publish': receptionSentence('công bố một buổi tiếp', 'published a reception session'),
  'reception.session.postpone': receptionSentence('hoãn một buổi tiếp', 'postponed a reception session'),
  'reception.session.cancel': receptionSentence('hủy một buổi tiếp', 'cancelled a reception session'),
  'reception.session.record': receptionSentence('ghi nhận một buổi tiếp', 'recorded a reception session'),
  'reception.session.online_check': receptionSentence(
    'đánh dấu một việc chuẩn bị buổi tiếp trực tuyến',
    'ticked a preparation of an online reception session',
  ),
  'reception.entry.create': receptionSentence(
    'ghi một dòng sổ tiếp công dân',
    'wrote a line of the reception register',
  ),
  'reception.entry.update': receptionSentence(
    'sửa một dòng sổ tiếp công dân',
    'changed a line of the reception register',
  ),
  'reception.entry.noticed': receptionSentence(
    'ghi đã thông báo cho công dân ở một dòng sổ',
    'recorded a citizen told, on a line of the reception register',
  ),
  'reception.entry.petition': receptionSentence(
    'chuyển một dòng sổ tiếp công dân thành đơn',
    'turned a line of the reception register into a petition',
  ),
  'open311.client_register': {
    vi: '{actor} đã đăng ký một ứng dụng gửi phản ánh (Open311)',
    en: '{actor} registered an application sending feedback (Open311)',
  },
  'open311.client_revoke': {
    vi: '{actor} đã thu hồi khóa của một ứng dụng gửi phản ánh (Open311)',
    en: '{actor} revoked the key of an application sending feedback (Open311)',
  },
  'settings.holidays': {
    vi: '{actor} đã đổi danh sách ngày nghỉ lễ',
    en: '{actor} changed the public holidays',
  },
  'system.initialised': {
    vi: 'Hệ thống được khởi tạo lần đầu',
    en: 'The system was set up for the first time',
  },
  'system.started': { vi: 'Hệ thống đã khởi động', en: 'The system started' },
  'system.demo_loaded': { vi: 'Đã nạp dữ liệu minh họa', en: 'The demo data was loaded' },
};

/** What a record is called when the action has no sentence of its own. */
const ENTITY_TYPES: Record<string, Words> = {
  user: { vi: 'tài khoản', en: 'account' },
  unit: { vi: 'đơn vị', en: 'unit' },
  plan: { vi: 'kế hoạch', en: 'plan' },
  plan_item: { vi: 'nhiệm vụ', en: 'task' },
  assessment_round: { vi: 'đợt đánh giá', en: 'assessment round' },
  round_score: { vi: 'điểm tiêu chí', en: 'criterion score' },
  report: { vi: 'báo cáo', en: 'report' },
  framework: { vi: 'khung chỉ số', en: 'framework' },
  indicator_target: { vi: 'mục tiêu chỉ số', en: 'indicator target' },
  settings: { vi: 'cài đặt', en: 'settings' },
  reminder: { vi: 'thư nhắc hạn', en: 'reminder' },
  notification: { vi: 'thông báo', en: 'notification' },
  job: { vi: 'việc chạy nền', en: 'background job' },
  dossier: { vi: 'hồ sơ', en: 'dossier' },
  dossier_import: { vi: 'tệp hồ sơ', en: 'dossier file' },
  dossier_mapping: { vi: 'cách ghép cột', en: 'column mapping' },
  feedback: { vi: 'phản ánh', en: 'feedback' },
  reception_rule: { vi: 'lịch tiếp định kỳ', en: 'standing reception day' },
  reception_session: { vi: 'buổi tiếp công dân', en: 'reception session' },
  reception_entry: { vi: 'dòng sổ tiếp công dân', en: 'register line' },
  open311_client: { vi: 'ứng dụng gửi phản ánh', en: 'application sending feedback' },
  dialogue: { vi: 'buổi đối thoại', en: 'dialogue' },
  system: { vi: 'hệ thống', en: 'system' },
};
const FALLBACK: Words = { vi: '{actor} đã thay đổi {entity}', en: '{actor} changed {entity}' };
const SYSTEM: Words = { vi: 'Hệ thống', en: 'The system' };
const ANONYMOUS: Words = { vi: 'Một người chưa đăng nhập', en: 'Someone not signed in' };

/** The words of an action, for the filter list (every known action, in the reader's language). */
export function auditActionChoices(locale: AuditLocale): { value: string; label: string }[] {
  return Object.entries(ACTIONS)
    .filter(([action]) => !action.includes(':'))
    .map(([action, words]) => ({
      value: action,
      label: words[locale].replace(/^\{actor\} (đã )?/, '').replace(/[“”]?\{\w+\}[“”]?/g, '…'),
    }));
}

export function entityTypeWord(type: string, locale: AuditLocale): string {
  return ENTITY_TYPES[type]?.[locale] ?? ENTITY_TYPES.system?.[locale] ?? '';
}

/**
 * The event as a sentence. `period` is how the reader's page names a period (the caller's formatter),
 * so a report's period reads in words.
 */
export function describeAuditEvent(
  event: Pick<AuditEventView, 'action' | 'entityType' | 'actorName' | 'names'>,
  locale: AuditLocale,
  periodName: (code: string) => string = (code) => code,
): string {
  const words =
    ACTIONS[`${event.action}:${event.entityType}`] ??
    ACTIONS[event.action] ??
    (event.action.startsWith('round.score.') ? ACTIONS['round.score.final'] : undefined) ??
    FALLBACK;
  const names = event.names;
  const values: Record<string, string> = {
    actor:
      names.actor ??
      (event.actorName === 'anonymous' ? ANONYMOUS[locale] : (event.actorName ?? SYSTEM[locale])),
    entity: names.entity ?? entityTypeWord(event.entityType, locale),
    unit: names.unit ?? entityTypeWord('unit', locale),
    round: names.round ?? '…',
    criterion: names.criterion ?? '…',
    period: names.period ? periodName(names.period) : '…',
  };
  return words[locale].replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
}

/** The fields audit events record, by their names on the forms. */
const FIELDS: Record<string, Words> = {
  name: { vi: 'Tên', en: 'Name' },
  shortName: { vi: 'Tên viết tắt', en: 'Short name' },
  code: { vi: 'Mã', en: 'Code' },
  type: { vi: 'Loại', en: 'Type' },
  kind: { vi: 'Loại', en: 'Kind' },
  parentId: { vi: 'Đơn vị cấp trên', en: 'Parent unit' },
  unitId: { vi: 'Đơn vị', en: 'Unit' },
  validFrom: { vi: 'Hiệu lực từ', en: 'Valid from' },
  validTo: { vi: 'Hiệu lực đến', en: 'Valid to' },
  headName: { vi: 'Họ tên thủ trưởng', en: 'Head of unit' },
  headTitle: { vi: 'Chức vụ thủ trưởng', en: 'Head’s title' },
  headPhone: { vi: 'Điện thoại thủ trưởng', en: 'Head’s phone' },
  headEmail: { vi: 'Thư điện tử thủ trưởng', en: 'Head’s e-mail' },
  address: { vi: 'Địa chỉ', en: 'Address' },
  publishedAt: { vi: 'Công khai từ', en: 'Public since' },
  emblem: { vi: 'Biểu trưng', en: 'Emblem' },
  successorIds: { vi: 'Đơn vị kế thừa', en: 'Successor units' },
  fullName: { vi: 'Họ và tên', en: 'Full name' },
  username: { vi: 'Tên đăng nhập', en: 'Username' },
  email: { vi: 'Thư điện tử', en: 'E-mail' },
  phone: { vi: 'Điện thoại', en: 'Phone' },
  isActive: { vi: 'Đang hoạt động', en: 'Active' },
  role: { vi: 'Vai trò', en: 'Role' },
  locale: { vi: 'Ngôn ngữ', en: 'Language' },
  title: { vi: 'Tiêu đề', en: 'Title' },
  number: { vi: 'Số hiệu', en: 'Number' },
  year: { vi: 'Năm', en: 'Year' },
  status: { vi: 'Trạng thái', en: 'Status' },
  progress: { vi: 'Tiến độ', en: 'Progress' },
  note: { vi: 'Ghi chú', en: 'Note' },
  reason: { vi: 'Lý do', en: 'Reason' },
  due: { vi: 'Thời hạn', en: 'Due' },
  text: { vi: 'Nội dung', en: 'Text' },
  selfScore: { vi: 'Điểm tự đánh giá', en: 'Self-assessed score' },
  selfComment: { vi: 'Thuyết minh', en: 'Explanation of the score' },
  appraisedScore: { vi: 'Điểm thẩm định', en: 'Appraised score' },
  appraisalReason: { vi: 'Lý do thẩm định', en: 'Appraisal reason' },
  returnedReason: { vi: 'Lý do trả lại', en: 'Reason for return' },
  explanation: { vi: 'Giải trình', en: 'Explanation' },
  bonus: { vi: 'Điểm thưởng', en: 'Bonus points' },
  penalty: { vi: 'Điểm trừ', en: 'Penalty points' },
  adjustmentReason: { vi: 'Lý do cộng, trừ điểm', en: 'Reason for the bonus or penalty' },
  stage: { vi: 'Giai đoạn', en: 'Stage' },
  deadlines: { vi: 'Thời hạn các giai đoạn', en: 'Stage deadlines' },
  periodCode: { vi: 'Kỳ', en: 'Period' },
  threshold: { vi: 'Ngưỡng', en: 'Threshold' },
  operator: { vi: 'So sánh', en: 'Comparison' },
  value: { vi: 'Giá trị', en: 'Value' },
  recipients: { vi: 'Người nhận', en: 'Recipients' },
  reminder: { vi: 'Lần nhắc', en: 'Reminder' },
  error: { vi: 'Lỗi', en: 'Error' },
  fileName: { vi: 'Tên tệp', en: 'File name' },
  rows: { vi: 'Số dòng', en: 'Rows' },
  apologyIssued: { vi: 'Đã có thư xin lỗi', en: 'Letter of apology issued' },
};

/** A field's name on the form; one not listed is spelled out from its name ("dueDate" → "due date"). */
export function fieldWord(key: string, locale: AuditLocale): string {
  const known = FIELDS[key]?.[locale];
  if (known) return known;
  const spelled = key
    .replace(/[_.]+/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return spelled.charAt(0).toUpperCase() + spelled.slice(1);
}

/** Coded values of a field, by the names the forms give them. */
const VALUE_NAMES: Record<string, Record<string, Words>[]> = {
  role: [ROLES],
  type: [UNIT_TYPES],
  unitType: [UNIT_TYPES],
  stage: [STAGE_NAMES],
  status: [REPORT_STATUS_NAMES, ITEM_STATUS_NAMES],
};

/**
 * A recorded value as a person reads it: yes/no, dates dd/mm/yyyy, coded values by name (a role, a
 * unit type, a stage, a status), lists and records spelled out.
 */
export function valueWords(value: unknown, locale: AuditLocale, key?: string): string {
  if (typeof value === 'string' && key) {
    const named = VALUE_NAMES[key]?.find((names) => names[value])?.[value];
    if (named) return named[locale];
  }
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean')
    return value ? (locale === 'vi' ? 'Có' : 'Yes') : locale === 'vi' ? 'Không' : 'No';
  if (typeof value === 'number') return value.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB');
  if (typeof value === 'string') {
    const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    return date ? `${date[3]}/${date[2]}/${date[1]}` : value;
  }
  if (Array.isArray(value)) return value.map((item) => valueWords(item, locale, key)).join('; ');
  return Object.entries(value as Record<string, unknown>)
    .map(([inner, item]) => `${fieldWord(inner, locale)}: ${valueWords(item, locale, inner)}`)
    .join('; ');
}
