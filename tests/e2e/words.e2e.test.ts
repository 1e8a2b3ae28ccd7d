import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMUNE_PROCEDURES, DEPARTMENT_PROCEDURES } from '../../server/setup/demo-dossiers.ts';
import { type Finding, findProblems, withoutData } from '../words.ts';
import {
  apiAs,
  createSeedPlan,
  launchBrowser,
  type RunningServer,
  signInAs,
  startServer,
} from './harness.ts';
import { readDialogs, type Seen, settle, track, visibleText } from './read-page.ts';

/**
 * Words, not codes: every route of the web app, as the province's coordinator and as a commune's
 * reporter, in Vietnamese and in English, with a plan, a report, an assessment round and dossiers
 * behind it, each page's dialogs opened, read and closed unsaved: those behind a button, behind a row's
 * menu, and those a dialog opens itself (read-page.ts). A page fails on a technical code a person would
 * read, or on a Vietnamese label in English.
 */
let server: RunningServer;
let browser: Browser;
/** Route paths with their parameters filled from the scene. */
const params: Record<string, string> = {};
/** What the scene did, for the audit log's sentences. */
const scene = { reporterName: '', coordinatorName: '', criterion: '', score: 0 };
/** Data a person typed or imported, in whatever language it was written (see words.ts). */
const names: string[] = [];

/** Every route the router declares (web/src/router.tsx): a new page is walked without editing this test. */
const ROUTES = [
  ...readFileSync(new URL('../../web/src/router.tsx', import.meta.url), 'utf8').matchAll(/page\('([^']+)'/g),
].map((match) => match[1] as string);

const ok = (reply: { status: number; json: any }, what: string) => {
  if (reply.status >= 300) throw new Error(`${what}: ${reply.status} ${JSON.stringify(reply.json)}`);
  return reply.json;
};

async function allPages(call: Awaited<ReturnType<typeof apiAs>>, path: string): Promise<any[]> {
  const items: any[] = [];
  for (let page = 1; ; page += 1) {
    const sep = path.includes('?') ? '&' : '?';
    const reply = ok(await call('GET', `${path}${sep}page=${page}&perPage=100`), path);
    items.push(...reply.items);
    if (items.length >= reply.total || reply.items.length === 0) return items;
  }
}

/** Every string under the given keys of a JSON value, alone or in a list (criterion names, task texts, ...). */
function stringsUnder(value: unknown, keys: readonly string[], out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) stringsUnder(item, keys, out);
  else if (value && typeof value === 'object')
    for (const [key, inner] of Object.entries(value)) {
      if (keys.includes(key) && typeof inner === 'string') out.push(inner);
      else if (keys.includes(key) && Array.isArray(inner))
        out.push(...inner.filter((item): item is string => typeof item === 'string'));
      else stringsUnder(inner, keys, out);
    }
  return out;
}

beforeAll(async () => {
  server = await startServer({ CHISO_DEMO_DOSSIERS: 'true' });
  browser = await launchBrowser();
  const admin = await apiAs(server, 'admin');
  const coordinator = await apiAs(server, 'dieuphoi');
  const reporter = await apiAs(server, 'baocao.phohien');
  const me = ok(await reporter('GET', '/api/auth/me'), 'me');
  const coordinatorMe = ok(await coordinator('GET', '/api/auth/me'), 'me');
  const unitId = me.user.grants[0].unitId as number;

  // A plan (the seed document), saved by the coordinator.
  const page = await newPage();
  await signInAs(page, server, 'dieuphoi');
  params.planId = String(await createSeedPlan(page, server, { targets: true }));
  await page.context().close();
  // The plan's entry in the province's register of outgoing documents, its PDF made to be signed.
  const entry = ok(
    await coordinator('POST', '/api/documents/register', {
      unitId: coordinatorMe.user.grants[0].unitId,
      type: 'KH',
      title: 'Kế hoạch cải thiện chỉ số PAPI năm 2026',
      sourceKind: 'plan',
      sourceId: params.planId,
    }),
    'register',
  );
  ok(await coordinator('POST', `/api/documents/${entry.id}/prepare`, {}), 'prepare');
  params.documentId = String(entry.id);
  names.push(entry.number, entry.symbol, entry.title);

  // The commune's quarterly report: opened by its reporter, sent by its head, returned by the
  // coordinator with a reason (so both have notifications to read).
  const head = await apiAs(server, 'chutich.phohien');
  let report = ok(await reporter('POST', '/api/reports', { unitId, periodCode: '2026Q1' }), 'report');
  report = ok(
    await head('POST', `/api/reports/${report.id}/transitions`, {
      action: 'submit',
      version: report.version,
    }),
    'submit',
  );
  const reason = 'Thiếu số liệu quý I';
  ok(
    await coordinator('POST', `/api/reports/${report.id}/transitions`, {
      action: 'return',
      reason,
      version: report.version,
    }),
    'return',
  );
  params.reportId = String(report.id);
  names.push(reason);

  // A citizen's petition to the commune, accepted and answered by its reporter (the inbox and the item).
  const petition = 'Đèn đường ở ngõ 12 phố Nguyễn Văn Linh hỏng đã hai tuần, buổi tối rất tối.';
  const submitted = await fetch(`${server.url}/api/public/feedback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ categoryCode: 'infrastructure', communeCode: '11953', text: petition }),
  });
  const { code } = (await submitted.json()) as { code: string };
  let feedback = ok(await reporter('GET', `/api/feedback?q=${code}`), 'inbox').items[0];
  feedback = ok(
    await reporter('POST', `/api/feedback/${feedback.id}/actions`, {
      type: 'accept',
      version: feedback.version,
    }),
    'accept',
  );
  const answer = 'Phường đã thay bóng đèn; đèn sáng bình thường.';
  ok(
    await reporter('POST', `/api/feedback/${feedback.id}/actions`, {
      type: 'answer',
      outcome: 'resolved',
      answer,
      version: feedback.version,
    }),
    'answer',
  );
  params.feedbackId = String(feedback.id);
  names.push(petition, answer, code);

  // The commune's yearly dialogue conference, not yet published: a question answered, a commitment
  // the commune leads itself (a task of the dialogue's plan).
  const dialogueText = {
    topic: 'Hội nghị đối thoại giữa Chủ tịch UBND phường với Nhân dân năm 2026',
    location: 'Hội trường UBND phường',
    question: 'Đường vào khu phố 3 xuống cấp, khi nào được sửa?',
    askedBy: 'Ông Trần Văn Khải, khu phố 3',
    answer: 'Phường đưa vào kế hoạch duy tu quý I năm 2027.',
    answeredBy: 'Chủ tịch UBND phường',
    commitment: 'Duy tu đường vào khu phố 3',
  };
  let dialogue = ok(
    await reporter('POST', '/api/dialogues', {
      unitId,
      kind: 'annual_conference',
      heldOn: '15/11/2026',
      topic: dialogueText.topic,
      location: dialogueText.location,
    }),
    'dialogue',
  );
  dialogue = ok(
    await reporter('POST', `/api/dialogues/${dialogue.id}/questions`, {
      question: dialogueText.question,
      askedBy: dialogueText.askedBy,
      answer: dialogueText.answer,
      answeredBy: dialogueText.answeredBy,
      version: dialogue.version,
    }),
    'question',
  );
  ok(
    await reporter('POST', `/api/dialogues/${dialogue.id}/commitments`, {
      text: dialogueText.commitment,
      leadUnitId: unitId,
      dueOn: '31/03/2027',
      version: dialogue.version,
    }),
    'commitment',
  );
  params.dialogueId = String(dialogue.id);
  names.push(...Object.values(dialogueText), 'Thực hiện các cam kết tại Hội nghị đối thoại ngày 15/11/2026');

  // The commune's reception days: a weekly rule, its sessions planned, one line in the register.
  const rule = ok(
    await reporter('POST', '/api/reception/rules', {
      unitId,
      hostLevel: 'commune_chair',
      hostTitle: 'Chủ tịch UBND phường',
      frequency: 'weekly',
      weekday: 4,
      startTime: '07:30',
      endTime: '11:00',
      location: 'Phòng tiếp công dân phường',
      validFrom: '2026-01-01',
    }),
    'reception rule',
  );
  ok(await reporter('POST', `/api/reception/rules/${rule.id}/generate`, { weeks: 4 }), 'reception generate');
  const receptionDay = ok(await reporter('GET', `/api/reception/sessions?unitId=${unitId}`), 'sessions')
    .items[0];
  const visitor = 'Trần Thị Hoa';
  const raised = 'Đường liên thôn bị sạt lở sau mưa lớn.';
  ok(
    await reporter('POST', '/api/reception/entries', {
      unitId,
      receivedOn: '2026-01-05',
      citizenName: visitor,
      content: raised,
      kind: 'kien_nghi',
    }),
    'reception entry',
  );
  params.sessionId = String(receptionDay.id);
  names.push('Chủ tịch UBND phường', 'Phòng tiếp công dân phường', visitor, raised);

  // The shipped questionnaire: its words are the survey's own text (the source cites Vietnamese law).
  const surveys = ok(await coordinator('GET', '/api/surveys'), 'surveys');
  const sipas = surveys.find((survey: { code: string }) => survey.code === 'SIPAS');
  params.surveyId = String(sipas.id);
  names.push(
    ...stringsUnder(ok(await coordinator('GET', `/api/surveys/${sipas.id}`), 'survey').definition, [
      'nameVi',
      'textVi',
      'vi',
      'source',
    ]),
  );

  // An assessment round for every commune, one criterion scored by the commune.
  const frameworks = ok(await coordinator('GET', '/api/frameworks'), 'frameworks');
  const framework = frameworks.find((f: { code: string }) => f.code === 'HY_CCHC_XA');
  const round = ok(
    await coordinator('POST', '/api/rounds', {
      frameworkId: framework.id,
      ownerUnitId: coordinatorMe.user.grants[0].unitId,
      name: 'Đánh giá CCHC cấp xã năm 2026',
      year: 2026,
      unitType: 'commune',
      deadlines: {
        self: '2099-06-30',
        appraisal1: '2099-07-31',
        explanation: '2099-08-15',
        appraisal2: '2099-08-31',
        final: '2099-09-30',
      },
    }),
    'round',
  );
  params.roundId = String(round.id);
  params.unitId = String(unitId);
  // The demo province in the national view (its own figures, as it shares them upward).
  params.provinceCode = '33';

  // A community project and a disclosure of the ward, recorded by its reporter.
  const projectName = 'Bê tông hóa ngõ 7 tổ dân phố số 2';
  const project = ok(
    await reporter('POST', '/api/projects', { unitId, name: projectName, households: 40, agreed: 30 }),
    'project',
  );
  params.projectId = String(project.id);
  const obligationTitle = 'Dự toán ngân sách phường năm 2026';
  const obligation = ok(
    await reporter('POST', '/api/disclosures', {
      unitId,
      itemCode: 'NS_DU_TOAN',
      title: obligationTitle,
      decisionDate: '10/01/2026',
    }),
    'obligation',
  );
  params.obligationId = String(obligation.id);
  names.push(projectName, obligationTitle);
  const sheet = ok(await reporter('GET', `/api/rounds/${round.id}/units/${unitId}`), 'sheet');
  const first = sheet.criteria.find((c: { isLeaf: boolean }) => c.isLeaf);
  Object.assign(scene, {
    reporterName: me.user.fullName,
    coordinatorName: coordinatorMe.user.fullName,
    criterion: `${first.code} ${first.nameVi}`,
    score: first.maxPoints,
  });
  ok(
    await reporter('PATCH', `/api/rounds/${round.id}/units/${unitId}/scores/${first.code}`, {
      selfScore: first.maxPoints,
      version: first.version ?? 0,
    }),
    'score',
  );

  // The data behind the pages, in the language it was written in.
  names.push(...(await allPages(admin, '/api/units')).map((unit) => unit.name));
  // Its heads' titles are the province's own words ("Chủ tịch UBND"), as its unit records have them.
  const demo = JSON.parse(
    readFileSync(new URL('../../reference/demo/hung-yen.json', import.meta.url), 'utf8'),
  );
  names.push(...stringsUnder(demo, ['headTitle', 'communeHeadTitle', 'shortName', 'address']));
  // The province's and the commune's records as their pages show them: the units each was formed from.
  const province = ok(await admin('GET', `/api/units/${coordinatorMe.user.grants[0].unitId}`), 'province');
  const commune = ok(await admin('GET', `/api/units/${unitId}`), 'commune');
  names.push(...stringsUnder([province, commune], ['name', 'shortName', 'headTitle', 'address']));
  for (const user of await allPages(admin, '/api/users')) names.push(user.fullName, user.username);
  const plan = ok(await coordinator('GET', `/api/plans/${params.planId}`), 'plan');
  // The plan as its document words it: title, sections, tasks, targets, agencies, signatories.
  names.push(
    ...stringsUnder(plan, [
      'ref',
      'title',
      'text',
      'name',
      'number',
      'place',
      'issuer',
      'signer',
      'leadNames',
      'supportNames',
    ]),
  );
  // What the province wrote beside its targets.
  names.push(
    ...stringsUnder(ok(await coordinator('GET', '/api/indicator-targets?perPage=100'), 'targets'), ['note']),
  );
  // Provinces are proper names; the demo's one-stop data names its procedures and their fields.
  const papiYear = ok(await coordinator('GET', '/api/indices/papi/years'), 'years').years.at(-1);
  names.push(
    ...stringsUnder(ok(await coordinator('GET', `/api/indices/papi/results?year=${papiYear}`), 'papi'), [
      'name',
    ]),
  );
  names.push(
    ...stringsUnder(ok(await coordinator('GET', '/api/indices/provinces-2025'), 'provinces'), ['name']),
  );
  for (const procedure of [...COMMUNE_PROCEDURES, ...DEPARTMENT_PROCEDURES])
    names.push(procedure.name, procedure.field);
  // Criterion names are the province's own text; the framework's name has an English version.
  const { definition } = ok(await coordinator('GET', `/api/frameworks/${framework.id}`), 'framework');
  names.push(...stringsUnder(definition.criteria, ['nameVi', 'guidance']));
  names.push(round.name);
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 120_000);

/**
 * A desktop page. Eight engineers share two cores: every wait is on a condition, given time, so the
 * walk reads the same on a loaded machine.
 */
async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1440, height: 900 } });
  context.setDefaultTimeout(120_000);
  context.setDefaultNavigationTimeout(120_000);
  const page = await context.newPage();
  track(page);
  return page;
}

async function readPage(
  page: Page,
  locale: 'vi' | 'en',
  where: string,
  titles: string[] = [],
  behind: string[] = [],
): Promise<string[]> {
  await settle(page);
  // A page that failed to render reads in words too, but is no page: the walk fails on it.
  if ((await page.locator('[data-page-error]').count()) > 0) return [`${where}: the page failed to render`];
  const seen: Seen[] = [await visibleText(page)];
  const walk = { page, where, opened: new Set<string>(), seen, titles, behind };
  // The notifications, on the first page a person sees.
  if (where === '/') {
    await page.getByRole('button', { name: /^(Thông báo|Notifications) \(/ }).click();
    await page.locator('.mantine-Popover-dropdown').waitFor();
    seen.push(await visibleText(page));
    await page.keyboard.press('Escape');
  }
  // The units page shows a unit's actions once one is chosen: the tree's first unit (its name, not
  // the arrow that opens it).
  const firstUnit = page.locator('main li button:not([aria-expanded])').first();
  if (where === '/units' && (await firstUnit.count()) > 0) {
    await firstUnit.click();
    await settle(page);
    seen.push(await visibleText(page));
  }
  await readDialogs(walk);
  // What sits behind tabs is part of the page, and so are its dialogs.
  const tabs = page.getByRole('tab');
  for (let i = 0; i < (await tabs.count()); i += 1) {
    await tabs.nth(i).click();
    await settle(page);
    seen.push(await visibleText(page));
    await readDialogs(walk);
  }
  const text = seen.map((s) => s.text).join('\n');
  const marked = locale === 'en' ? seen.flatMap((s) => s.vietnamese) : [];
  return findProblems(withoutData(text, [...names, ...marked]), locale).map(
    (f: Finding) => `${where}: ${f.what} "${f.found}" in "${f.line}"`,
  );
}

/** The pages whose dialogs each person opens in the walk (the button marked aria-haspopup="dialog"). */
const DIALOG_PAGES: Record<string, string[]> = {
  dieuphoi: [
    '/units',
    '/users',
    '/indicators/targets',
    // Taking a number in the register of outgoing documents.
    '/documents/register',
    '/plans/$planId',
    '/reports',
    '/assessment',
    '/assessment/rounds/$roundId',
    '/assessment/rounds/$roundId/units/$unitId',
    '/feedback',
    // A category nobody used yet: deleting it asks first.
    '/feedback/settings',
    '/feedback/apps',
    '/feedback/$feedbackId',
    '/dialogues',
    '/dialogues/$dialogueId',
    '/projects',
    '/projects/$projectId',
    '/disclosures',
    '/disclosures/$obligationId',
    '/reception',
    '/reception/sessions/$sessionId',
  ],
  'baocao.phohien': [
    '/reports/$reportId',
    '/assessment',
    '/assessment/rounds/$roundId/units/$unitId',
    // Not /feedback/apps: registering an app is the province's (its page offers the ward nothing to open).
    '/feedback',
    '/feedback/$feedbackId',
    '/dialogues',
    '/dialogues/$dialogueId',
    '/projects',
    '/projects/$projectId',
    '/disclosures',
    '/disclosures/$obligationId',
    // The ward's weekly rule and its days: edit, delete, publish, postpone, cancel; its register's lines.
    '/reception',
    '/reception/sessions/$sessionId',
  ],
  admin: [
    '/units',
    '/users',
    '/indicators/targets',
    // Taking a number in the register of outgoing documents.
    '/documents/register',
    '/plans/$planId',
    '/reports',
    '/assessment',
    '/assessment/rounds/$roundId',
    '/assessment/rounds/$roundId/units/$unitId',
    '/feedback',
    // A category nobody used yet: deleting it asks first.
    '/feedback/settings',
    '/feedback/apps',
    '/feedback/$feedbackId',
    '/dialogues',
    '/dialogues/$dialogueId',
    '/projects',
    '/projects/$projectId',
    '/disclosures',
    '/disclosures/$obligationId',
    // The first unit with reception days (the ward's): its rule, its days, its register's lines.
    '/reception',
    '/reception/sessions/$sessionId',
  ],
};

/** The pages where each person reaches dialogs behind a row's menu or from inside another dialog. */
const DIALOGS_BEHIND: Record<string, string[]> = {
  // A user's row: edit, give a role, reset the password; a task's dialog: remove the task.
  dieuphoi: ['/users menu', '/plans/$planId dialog'],
  'baocao.phohien': [],
  admin: ['/users menu', '/plans/$planId dialog'],
};

/** The scene's report as its coordinator reads it: what a dialog saved by mistake would change. */
async function reportState() {
  const coordinator = await apiAs(server, 'dieuphoi');
  const report = ok(await coordinator('GET', `/api/reports/${params.reportId}`), 'report');
  return { status: report.status, version: report.version };
}

const fillPath = (route: string) => route.replace(/\$(\w+)/g, (_, key: string) => params[key] ?? '');

describe('the audit log reads as sentences with names', () => {
  it('who did what to which round, criterion and unit; the change field by field', {
    timeout: 240_000,
  }, async () => {
    const page = await newPage();
    await signInAs(page, server, 'admin');
    await page.goto(`${server.url}/audit`);
    await page
      .getByText(`${scene.coordinatorName} đã mở đợt đánh giá “Đánh giá CCHC cấp xã năm 2026”`)
      .waitFor();
    const sentence = `${scene.reporterName} đã tự chấm tiêu chí “${scene.criterion}” của Phường Phố Hiến trong đợt đánh giá “Đánh giá CCHC cấp xã năm 2026”`;
    await page.getByRole('row', { name: sentence }).click();
    const change = page.getByRole('row', { name: /^Điểm tự đánh giá/ });
    expect(await change.locator('td').allInnerTexts()).toEqual([
      'Điểm tự đánh giá',
      '—',
      scene.score.toLocaleString('vi-VN'),
    ]);
    await page
      .getByText(`${scene.coordinatorName} đã trả lại báo cáo Quý I/2026 của Phường Phố Hiến`)
      .waitFor();
    await page.locator('header').getByText('EN', { exact: true }).click();
    await page.getByText(`${scene.reporterName} signed in`).first().waitFor();
    await page.context().close();
  });
});

describe('every route reads in words, in both languages', () => {
  it('walks the routes the router declares', () => {
    expect(ROUTES).toContain('/');
    expect(ROUTES).toContain('/assessment/rounds/$roundId/units/$unitId');
    expect(ROUTES.length).toBeGreaterThan(15);
  });

  for (const locale of ['vi', 'en'] as const) {
    it(`the sign-in page (${locale})`, { timeout: 240_000 }, async () => {
      const page = await newPage();
      const context = page.context();
      await context.addInitScript((l) => localStorage.setItem('chiso.locale', l), locale);
      await page.goto(`${server.url}/login`);
      await page.getByRole('button').first().waitFor();
      const problems = await readPage(page, locale, '/login');
      expect(problems, `\n${problems.join('\n')}\n`).toEqual([]);
      await context.close();
    });

    // The administrator too: the audit log and the users are theirs alone.
    for (const user of ['dieuphoi', 'baocao.phohien', 'admin']) {
      it(`every page as ${user} (${locale})`, { timeout: 600_000 }, async () => {
        const page = await newPage();
        const context = page.context();
        await signInAs(page, server, user);
        await page.evaluate((l) => localStorage.setItem('chiso.locale', l), locale);
        const problems: string[] = [];
        const titles: string[] = [];
        const behind: string[] = [];
        const reportBefore = await reportState();
        for (const route of ROUTES) {
          await page.goto(`${server.url}${fillPath(route)}`);
          // Read in the language asked for (the app marks the page's language).
          expect(await page.locator('html').getAttribute('lang')).toBe(locale);
          problems.push(...(await readPage(page, locale, route, titles, behind)));
        }
        await context.close();
        // Every dialog closed unsaved: the report the walk passed is as it was.
        expect(await reportState()).toEqual(reportBefore);
        // The dialogs were opened, on every page that has them for this person.
        const pages = [...new Set(titles.map((title) => title.slice(0, title.indexOf(': '))))];
        expect(pages, titles.join('\n')).toEqual(DIALOG_PAGES[user]);
        // … and those behind a menu (a user's row) or opened from another dialog (a task's removal).
        expect([...new Set(behind)]).toEqual(DIALOGS_BEHIND[user]);
        const distinct = [...new Set(problems)];
        expect(distinct, `\n${distinct.join('\n')}\n`).toEqual([]);
      });
    }
  }
});
