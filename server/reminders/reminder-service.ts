import { inArray } from 'drizzle-orm';
import { hasPermissionOn } from '../../core/auth/roles.ts';
import { AppError, fieldError, inLocale, msg } from '../../core/errors.ts';
import { periodName } from '../../core/periods/period-names.ts';
import { summariseReminders } from '../../core/reports/chasing.ts';
import { openReminderPeriods } from '../../core/reports/reminders.ts';
import { todayInVietnam } from '../../core/text/dates.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/engine.ts';
import { units } from '../db/schema/index.ts';
import { loadReportingCalendar } from '../reports/calendar-settings.ts';
import { periodOverview, type ReportContext } from '../reports/report-service.ts';
import { SYSTEM_ACTOR, SYSTEM_USER } from '../setup/initialise.ts';
import { deliverReminder, type ReminderOutcome } from './deliver-reminder.ts';
import { createMailer, type Mailer } from './mailer.ts';
import { getReminderSettings } from './reminder-settings.ts';

export interface ReminderLog {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
}

let toldMailOff = false;

function mailerFor(config: Config, log: ReminderLog | undefined): Mailer | null {
  const mailer = createMailer(config);
  if (!mailer && !toldMailOff) {
    toldMailOff = true;
    log?.warn({}, 'CHISO_SMTP_URL chưa đặt: nhắc hạn chỉ gửi thông báo trong ứng dụng, không gửi e-mail');
  }
  return mailer;
}

/**
 * One pass of the scheduler at `now` (injected, so tests run it on a fake clock): for each period
 * open for reminders today, each expected unit that has sent nothing, each reminder due and not yet
 * sent (or failed last time) → e-mail to the head and the unit's reporters, and an in-app notification.
 */
export async function runReminders(options: {
  db: Db;
  config: Config;
  now?: Date;
  log?: ReminderLog;
}): Promise<ReminderOutcome[]> {
  const now = options.now ?? new Date();
  const today = todayInVietnam(now);
  // Made first (it connects only to send), so the first run says at once whether e-mail is off.
  const mailer = mailerFor(options.config, options.log);
  const calendar = await loadReportingCalendar(options.db);
  const open = openReminderPeriods(
    today,
    await getReminderSettings(options.db),
    calendar.overrides,
    calendar.regime,
    (window) => calendar.windowOf(window.code).deadline,
  );
  if (open.length === 0) {
    mailer?.close();
    return [];
  }
  const ctx: ReportContext = { db: options.db, actor: SYSTEM_ACTOR, ip: null, user: SYSTEM_USER };
  const outcomes: ReminderOutcome[] = [];
  try {
    for (const { period, reminders } of open) {
      const board = await periodOverview(ctx, period.code, {});
      for (const entry of board.units.filter((row) => row.toChase)) {
        for (const reminder of reminders) {
          outcomes.push(
            await deliverReminder(
              ctx,
              { mailer, config: options.config, today, now },
              {
                unit: { id: entry.unit.id, name: entry.unit.name },
                headEmail: entry.head.email,
                reportId: entry.report?.id ?? null,
                period,
                reminder,
              },
            ),
          );
        }
      }
    }
  } finally {
    mailer?.close();
  }
  const done = outcomes.filter((outcome) => outcome.status !== 'skipped');
  if (done.length > 0)
    options.log?.info(
      {
        sent: done.filter((outcome) => outcome.status === 'sent').length,
        failed: done.filter((outcome) => outcome.status === 'failed').length,
        inApp: done.filter((outcome) => outcome.status !== 'sent' && outcome.status !== 'failed').length,
      },
      'reminders sent',
    );
  return outcomes;
}

/**
 * A coordinator's "send now" to units they pick: each must be expected to report for the period and
 * in the coordinator's review scope; a unit that has already sent its report is left alone.
 */
export async function sendRemindersNow(
  ctx: ReportContext,
  config: Config,
  input: { periodCode: string; unitIds: number[] },
  now: Date = new Date(),
) {
  const reportWindow = (await loadReportingCalendar(ctx.db)).windowOf(input.periodCode);
  const window = { ...reportWindow, due: reportWindow.deadline };
  const picked = await ctx.db
    .select({ id: units.id, path: units.path })
    .from(units)
    .where(inArray(units.id, input.unitIds));
  const paths = new Map(picked.map((unit) => [unit.id, unit.path]));
  for (const unitId of input.unitIds) {
    const path = paths.get(unitId);
    if (!path)
      throw fieldError(
        'unitIds',
        msg(`Không có đơn vị mã số ${unitId}.`, `There is no unit with number ${unitId}.`),
      );
    if (!hasPermissionOn(ctx.user.grants, 'reports.review', path)) throw new AppError('FORBIDDEN');
  }
  const board = await periodOverview(ctx, window.code, {});
  const entries = new Map(board.units.map((entry) => [entry.unit.id, entry]));
  const today = todayInVietnam(now);
  const mailer = createMailer(config);
  const results: ReminderOutcome[] = [];
  try {
    for (const unitId of new Set(input.unitIds)) {
      const entry = entries.get(unitId);
      if (!entry)
        throw fieldError(
          'unitIds',
          msg(
            `Đơn vị mã số ${unitId} không phải báo cáo ${periodName(window.code, 'vi', { inSentence: true })}.`,
            `The unit with number ${unitId} does not report for ${periodName(window.code, 'en', { inSentence: true })}.`,
          ),
        );
      if (!entry.toChase) {
        results.push({
          unit: entry.unit,
          periodCode: window.code,
          reminder: 'manual',
          status: 'skipped',
          recipients: [],
          accounts: 0,
          error: inLocale(msg('Đơn vị đã gửi báo cáo.', 'The unit has sent its report.'), ctx.user.locale),
        });
        continue;
      }
      results.push(
        await deliverReminder(
          ctx,
          { mailer, config, today, now },
          {
            unit: { id: entry.unit.id, name: entry.unit.name },
            headEmail: entry.head.email,
            reportId: entry.report?.id ?? null,
            period: window,
            reminder: `manual:${now.toISOString()}`,
          },
        ),
      );
    }
  } finally {
    mailer?.close();
  }
  return { periodCode: window.code, results, summary: summariseReminders(results) };
}
