import { readFileSync } from 'node:fs';
import { Document, Packer, Paragraph } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatePlanInput, PlanDetail } from '../../core/plans/plan-views.ts';
import type { ParsedPlan } from '../../core/plans/types.ts';
import { answerWithPlan, signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';

const SEED = readFileSync(
  new URL('../../core/plans/fixtures/hung-yen-papi-2020.txt', import.meta.url),
  'utf8',
);

let t: TestApp;
let coordinator: Session;
let snvReporter: Session;
let stpReporter: Session;
let communeCoordinator: Session;
let snvHead: Session;
let provinceId: number;
let snvId: number;
let stpId: number;

beforeAll(async () => {
  t = await createTestApp();
  coordinator = await signInAs(t, 'coordinator', '33');
  snvReporter = await signInAs(t, 'unit_reporter', '33.SNV');
  stpReporter = await signInAs(t, 'unit_reporter', '33.STP');
  communeCoordinator = await signInAs(t, 'coordinator', '11953');
  snvHead = await signInAs(t, 'unit_head', '33.SNV');
  provinceId = await unitIdByCode(t.database, '33');
  snvId = await unitIdByCode(t.database, '33.SNV');
  stpId = await unitIdByCode(t.database, '33.STP');
});
afterAll(() => t.close());

const upload = (session: Session, name: string, content: Buffer, url = '/api/plans/preview-file') =>
  session.upload(url, name, content);

interface Preview {
  plan: ParsedPlan;
  agencies: { name: string; unit: { id: number; name: string } | null; source: string | null }[];
}

/** What the import screen sends: the parsed plan, with the agencies mapped as given. */
function toCreateInput(preview: Preview, mapping: Record<string, number | null>): CreatePlanInput {
  const { plan } = preview;
  return {
    unitId: provinceId,
    number: plan.document.number,
    type: plan.document.type,
    issuedOn: plan.document.issuedOn,
    place: plan.document.place,
    issuer: plan.document.issuer,
    signer: plan.document.signer,
    title: plan.document.title ?? '',
    year: 2020,
    indices: plan.indices,
    sections: plan.sections,
    tasks: plan.tasks.map((task) => ({
      ref: task.ref,
      text: task.text,
      index: task.index,
      dimension: task.dimension,
      leadNames: task.lead,
      supportNames: task.support,
      due: task.due,
      recurrence: task.recurrence,
    })),
    targets: plan.targets,
    warnings: plan.warnings,
    agencies: preview.agencies.map((agency) => ({
      name: agency.name,
      unitId: agency.name in mapping ? (mapping[agency.name] ?? null) : (agency.unit?.id ?? null),
    })),
  };
}

const countPlans = async () =>
  Number((await t.database.pool.query('select count(*) from plans')).rows[0].count);

describe('importing a plan document', () => {
  let preview: Preview;
  // The seed plan's preview, read before the tests below that save it (each may also run alone).
  beforeAll(async () => {
    preview = (await coordinator.request('POST', '/api/plans/preview', { text: SEED })).json;
  });

  it('reads pasted text: particulars, tasks with dimensions, and agencies resolved to units by name', async () => {
    const response = await coordinator.request('POST', '/api/plans/preview', { text: SEED });
    expect(response.status).toBe(200);
    preview = response.json;
    expect(preview.plan.document).toMatchObject({ number: '29/KH-UBND', issuedOn: '2020-02-27' });
    expect(preview.plan.tasks).toHaveLength(64);
    expect(preview.plan.sections.find((section) => section.ref === 'II.5')?.title).toContain(
      'Thủ tục hành chính',
    );
    const byName = new Map(preview.agencies.map((agency) => [agency.name, agency]));
    expect(byName.get('Sở Nội vụ')).toMatchObject({ unit: { id: snvId }, source: 'name' });
    expect(byName.get('Sở Tư pháp')).toMatchObject({ unit: { id: stpId }, source: 'name' });
    // Abolished in 2025, so no unit carries the name: the person maps it.
    expect(byName.get('UBND cấp huyện')).toMatchObject({
      unit: null,
      source: null,
      note: { vi: expect.stringMatching(/^Cấp huyện kết thúc hoạt động từ 01\/07\/2025/) },
    });
  });

  it('reads a .docx upload to the same tasks as the pasted text', async () => {
    const doc = new Document({
      sections: [{ children: SEED.split('\n').map((line) => new Paragraph({ text: line })) }],
    });
    const response = await upload(coordinator, 'ke-hoach-29.docx', await Packer.toBuffer(doc));
    expect(response.status).toBe(200);
    expect(response.json.plan.tasks.map((task: { ref: string }) => task.ref)).toEqual(
      preview.plan.tasks.map((task) => task.ref),
    );
    expect(response.json.plan.document.number).toBe('29/KH-UBND');
  });

  it('refuses what it cannot read, with a reason', async () => {
    const empty = await coordinator.request('POST', '/api/plans/preview', { text: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.json.error.details.fields[0].path).toBe('text');
    // A .doc is read through LibreOffice, but only when its bytes are a Word 97–2003 file.
    const doc = await upload(coordinator, 'cu.doc', Buffer.from('binary'));
    expect(doc.status).toBe(400);
    expect(doc.json.error.message).toBe(
      'Nội dung tệp không phải Word 97–2003 như phần mở rộng .doc cho biết.',
    );
    const fake = await upload(coordinator, 'gia.docx', Buffer.from('not a zip at all'));
    expect(fake.json.error.code).toBe('UNSUPPORTED_FILE');
    // "Kế hoạch" in TCVN3 bytes.
    const tcvn3 = await upload(
      coordinator,
      'tcvn3.txt',
      Buffer.from([0x4b, 0xd5, 0x20, 0x68, 0x6f, 0xb8, 0x63, 0x68]),
    );
    expect(tcvn3.json.error.message).toContain('TCVN3');
  });

  it('is for those who write plans: a reporter is refused, an anonymous caller must sign in', async () => {
    expect((await snvReporter.request('POST', '/api/plans/preview', { text: SEED })).status).toBe(403);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/plans/preview',
      payload: { text: SEED },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('refuses a plan without tasks, outside the user’s units, or mapped to a unit that does not exist, writing nothing', async () => {
    const before = await countPlans();
    const input = toCreateInput(preview, {});
    const noTasks = await coordinator.request('POST', '/api/plans', { ...input, tasks: [] });
    expect(noTasks.status).toBe(400);
    expect(noTasks.json.error.details.fields[0].path).toBe('tasks');
    const outside = await communeCoordinator.request('POST', '/api/plans', input);
    expect(outside.status).toBe(403);
    const ghost = await coordinator.request('POST', '/api/plans', {
      ...input,
      agencies: [{ name: 'Sở Nội vụ', unitId: 999_999 }],
    });
    expect(ghost.status).toBe(400);
    expect(ghost.json.error.details.fields[0].path).toBe('agencies');
    const duplicate = await coordinator.request('POST', '/api/plans', {
      ...input,
      tasks: [input.tasks[0], input.tasks[0]],
    });
    expect(duplicate.status).toBe(400);
    expect(await countPlans()).toBe(before);
  });

  it('a plan’s story: saved with its tree, listed, its tasks assigned, reported and evidenced, then cascaded to the units', async () => {
    // One plan, the seed document saved once, carried through every step; each step is a block so its names stay its own.
    let plan: PlanDetail;
    const task = () => plan.items.find((item) => item.ref === 'II.1.a.2') as PlanDetail['items'][number];

    // Saves the plan with its tree, units and targets, audits it, and remembers the agencies mapped.
    {
      const before = await countPlans();
      const input = toCreateInput(preview, { 'UBND cấp huyện': provinceId, 'Các ngành, các cấp': null });
      const response = await coordinator.request('POST', '/api/plans', input);
      expect(response.status).toBe(201);
      plan = response.json;
      expect(await countPlans()).toBe(before + 1);
      expect(plan).toMatchObject({
        number: '29/KH-UBND',
        unit: { id: provinceId },
        taskCount: 64,
        progress: 0,
      });
      const tasks = plan.items.filter((item) => item.kind === 'task');
      expect(tasks).toHaveLength(64);
      const first = plan.items.find((item) => item.ref === 'II.1.a.1');
      const section = plan.items.find((item) => item.ref === 'II.1.a');
      expect(first?.parentId).toBe(section?.id);
      expect(first?.dimension).toBe('PAPI.1');
      expect(first?.lead).toEqual([{ id: provinceId, name: 'Ủy ban nhân dân tỉnh Hưng Yên' }]);
      expect(first?.leadNames).toEqual(['UBND cấp huyện']);
      // Sections come before their tasks, in document order.
      expect(plan.items.findIndex((item) => item.ref === 'II')).toBeLessThan(
        plan.items.findIndex((item) => item.ref === 'II.1.a.1'),
      );

      const audit = await t.database.pool.query(
        "select after from audit_events where action = 'plan.create' and entity_id = $1",
        [String(plan.id)],
      );
      expect(audit.rows[0].after).toMatchObject({ number: '29/KH-UBND', tasks: 64 });

      const again = await coordinator.request('POST', '/api/plans/preview', { text: SEED });
      const remembered = again.json.agencies.find(
        (agency: { name: string }) => agency.name === 'UBND cấp huyện',
      );
      expect(remembered).toMatchObject({ unit: { id: provinceId }, source: 'alias' });
      const ignored = again.json.agencies.find(
        (agency: { name: string }) => agency.name === 'Các ngành, các cấp',
      );
      expect(ignored).toMatchObject({ unit: null, source: 'alias' });
    }

    // Lists plans, searched without diacritics.
    {
      const found = await coordinator.request('GET', '/api/plans?q=hieu%20qua%20quan%20tri');
      expect(found.status).toBe(200);
      expect(found.json.items.map((item: { id: number }) => item.id)).toContain(plan.id);
      expect(found.json.items[0]).toMatchObject({ taskCount: 64, unit: { id: provinceId } });
      const none = await communeCoordinator.request('GET', '/api/plans');
      expect(none.json.items.map((item: { id: number }) => item.id)).not.toContain(plan.id);
    }

    // The coordinator assigns a task to a department with a deadline.
    {
      const response = await coordinator.request('PATCH', `/api/plans/${plan.id}/items/${task().id}`, {
        leadUnitIds: [snvId],
        supportUnitIds: [stpId],
        due: '30/06/2020',
        version: task().version,
      });
      expect(response.status).toBe(200);
      expect(response.json).toMatchObject({
        lead: [{ id: snvId }],
        support: [{ id: stpId }],
        due: '2020-06-30',
      });
      plan = (await coordinator.request('GET', `/api/plans/${plan.id}`)).json;
      expect(task().overdue).toBe(true);
      const audit = await t.database.pool.query(
        "select before, after from audit_events where action = 'plan.item.update' and entity_id = $1",
        [String(task().id)],
      );
      expect(audit.rows[0].after).toMatchObject({ leadUnitIds: [snvId], due: '2020-06-30' });
    }

    // Shows each unit the tasks it leads across plans: overdue, by dimension, searched without diacritics.
    {
      const mine = await snvReporter.request('GET', '/api/plan-tasks?overdue=true');
      expect(mine.status).toBe(200);
      // The task given to it (due 30/06/2020), its own tasks and Sở Lao động - Thương binh và Xã hội's,
      // whose successor the screen suggested and the import accepted, all due at the 2020 year end.
      expect(mine.json.items.map((item: { ref: string; due: string }) => [item.ref, item.due])).toEqual([
        ['II.1.a.2', '2020-06-30'],
        ['II.2.c', '2020-12-31'],
        ['III.1.a', '2020-12-31'],
        ['III.1.b', '2020-12-31'],
        ['III.1.c', '2020-12-31'],
        ['III.3', '2020-12-31'],
      ]);
      expect(mine.json.items[0].plan).toMatchObject({ id: plan.id, number: '29/KH-UBND' });
      const searched = await snvReporter.request('GET', '/api/plan-tasks?q=bau%20cu&dimension=PAPI.1');
      expect(searched.json.total).toBe(1);
      const wrongDimension = await snvReporter.request('GET', '/api/plan-tasks?dimension=PAPI.5');
      expect(wrongDimension.json.total).toBe(0);
      // Coordinating is not leading: Sở Tư pháp's list does not carry it.
      const support = await stpReporter.request('GET', '/api/plan-tasks?overdue=true');
      expect(support.json.items.map((item: { ref: string }) => item.ref)).not.toContain('II.1.a.2');
      const province = await coordinator.request('GET', `/api/plan-tasks?unitId=${snvId}&perPage=100`);
      expect(province.json.total).toBeGreaterThanOrEqual(1);
      expect((await coordinator.request('GET', '/api/plan-tasks?status=bogus')).status).toBe(400);
    }

    // The lead department reports progress, which rolls up to the plan.
    {
      const response = await snvReporter.request('PATCH', `/api/plans/${plan.id}/items/${task().id}`, {
        progress: 100,
        note: 'Đã tổ chức bầu cử đúng quy định.',
        version: task().version,
      });
      expect(response.status).toBe(200);
      expect(response.json).toMatchObject({ status: 'done', progress: 100, overdue: false });
      const detail = (await snvReporter.request('GET', `/api/plans/${plan.id}`)).json as PlanDetail;
      expect(detail.progress).toBeGreaterThan(0);
      const section = detail.items.find((item) => item.ref === 'II.1.a');
      expect(section?.progress).toBeGreaterThan(0);
    }

    // The lead department attaches evidence, downloads it back, and removes a file attached by mistake.
    {
      const url = `/api/plans/${plan.id}/items/${task().id}/evidence`;
      const pdf = Buffer.from('%PDF-1.4\nbiên bản họp\n%%EOF');
      const added = await upload(snvReporter, 'Biên bản họp.pdf', pdf, url);
      expect(added.status).toBe(201);
      expect(added.json).toMatchObject({
        fileName: 'Biên bản họp.pdf',
        contentType: 'application/pdf',
        size: pdf.length,
      });
      expect(added.json.sha256).toMatch(/^[0-9a-f]{64}$/);
      const listed = await coordinator.request('GET', url);
      expect(listed.json.map((file: { id: number }) => file.id)).toEqual([added.json.id]);
      const download = await t.app.inject({
        method: 'GET',
        url: `${url}/${added.json.id}`,
        headers: { cookie: coordinator.cookie },
      });
      expect(download.statusCode).toBe(200);
      expect(download.rawPayload.equals(pdf)).toBe(true);
      expect(download.headers['content-disposition']).toContain('attachment;');
      expect(download.headers['content-disposition']).toContain("filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n");
      expect(download.headers['x-content-type-options']).toBe('nosniff');
      const detail = (await coordinator.request('GET', `/api/plans/${plan.id}`)).json as PlanDetail;
      expect(detail.items.find((item) => item.ref === 'II.1.a.2')?.evidenceCount).toBe(1);

      const script = await upload(snvReporter, 'virus.exe', Buffer.from('MZ'), url);
      expect(script.status).toBe(400);
      expect(script.json.error.code).toBe('UNSUPPORTED_FILE');
      const html = await upload(snvReporter, 'trang.html', Buffer.from('<script>alert(1)</script>'), url);
      expect(html.json.error.code).toBe('UNSUPPORTED_FILE');
      expect((await upload(stpReporter, 'khac.pdf', pdf, url)).status).toBe(403);

      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      const mistake = await upload(snvReporter, 'nham.png', png, url);
      expect((await snvReporter.request('DELETE', `${url}/${mistake.json.id}`)).status).toBe(204);
      expect((await coordinator.request('GET', url)).json).toHaveLength(1);
      const audit = await t.database.pool.query(
        "select before from audit_events where action = 'evidence.remove' and entity_type = 'plan_item' and entity_id = $1",
        [String(task().id)],
      );
      expect(audit.rows[0].before).toMatchObject({ fileName: 'nham.png', size: 8 });
    }

    // Refuses a stale edit, a reporter of another unit, and a reporter changing the deadline.
    {
      const stale = await coordinator.request('PATCH', `/api/plans/${plan.id}/items/${task().id}`, {
        progress: 10,
        version: task().version,
      });
      expect(stale.status).toBe(409);
      const current = (await coordinator.request('GET', `/api/plans/${plan.id}`)).json as PlanDetail;
      const item = current.items.find((entry) => entry.ref === 'II.1.a.2');
      const other = await stpReporter.request('PATCH', `/api/plans/${plan.id}/items/${item?.id}`, {
        progress: 10,
        version: item?.version,
      });
      // The support unit reads the plan but does not report for the lead.
      expect(other.status).toBe(403);
      const deadline = await snvReporter.request('PATCH', `/api/plans/${plan.id}/items/${item?.id}`, {
        due: '31/12/2020',
        version: item?.version,
      });
      expect(deadline.status).toBe(403);
      const section = current.items.find((entry) => entry.ref === 'II.1.a');
      const onSection = await coordinator.request('PATCH', `/api/plans/${plan.id}/items/${section?.id}`, {
        progress: 50,
        version: section?.version,
      });
      expect(onSection.status).toBe(400);
    }

    // The coordinator sets the date by which units answer with plans of their own.
    {
      const response = await coordinator.request('PATCH', `/api/plans/${plan.id}`, {
        childPlansDue: '15/03/2020',
        version: plan.version,
      });
      expect(response.status).toBe(200);
      expect(response.json.childPlansDue).toBe('2020-03-15');
      const stale = await coordinator.request('PATCH', `/api/plans/${plan.id}`, {
        childPlansDue: '16/03/2020',
        version: plan.version,
      });
      expect(stale.status).toBe(409);
      const cascade = (await coordinator.request('GET', `/api/plans/${plan.id}/cascade`)).json;
      const snv = cascade.units.find((entry: { unit: { id: number } }) => entry.unit.id === snvId);
      expect(snv).toMatchObject({ state: 'missing', plan: null });
      expect(snv.assignedTasks).toBeGreaterThanOrEqual(1);
      expect(cascade.untakenTasks).toHaveLength(64);
    }

    // A department head answers with the department’s plan, made of the tasks given to it.
    {
      const child = await answerWithPlan(snvHead, plan.id, snvId);
      expect(child).toMatchObject({ parentPlanId: plan.id, unit: { id: snvId } });
      const given = plan.items.find((item) => item.ref === 'II.1.a.2');
      const carried = child.items.find((item) => item.ref === 'II.1.a.2');
      expect(carried).toMatchObject({
        implementsItemId: given?.id,
        lead: [{ id: snvId }],
        due: '2020-06-30',
      });
      expect(child.items.every((item) => item.kind === 'section' || item.implementsItemId !== null)).toBe(
        true,
      );

      const cascade = (await coordinator.request('GET', `/api/plans/${plan.id}/cascade`)).json;
      const snv = cascade.units.find((entry: { unit: { id: number } }) => entry.unit.id === snvId);
      // Issued today, after 15/03/2020: late.
      expect(snv).toMatchObject({ state: 'late', plan: { id: child.id, taskCount: child.taskCount } });
      expect(cascade.untakenTasks).toHaveLength(64 - child.taskCount);
      expect(cascade.untakenTasks.map((task: { ref: string }) => task.ref)).not.toContain('II.1.a.2');
    }

    // Blends a task’s progress with the units carrying it out, by the lead share the coordinator sets.
    {
      const children = await coordinator.request('GET', `/api/plans?perPage=100`);
      const childId = children.json.items.find(
        (entry: { parentPlanId: number | null }) => entry.parentPlanId === plan.id,
      ).id;
      const child = (await snvHead.request('GET', `/api/plans/${childId}`)).json as PlanDetail;
      const carried = child.items.find((item) => item.ref === 'II.1.a.2') as PlanDetail['items'][number];
      const reported = await snvHead.request('PATCH', `/api/plans/${childId}/items/${carried.id}`, {
        progress: 40,
        version: carried.version,
      });
      expect(reported.status).toBe(200);
      let current = (await coordinator.request('GET', `/api/plans/${plan.id}`)).json as PlanDetail;
      // Lead share 100 %: the lead's own report (done) is the task's progress.
      expect(current.items.find((item) => item.ref === 'II.1.a.2')).toMatchObject({
        progress: 100,
        reportedProgress: 100,
      });
      const shared = await coordinator.request('PATCH', `/api/plans/${plan.id}`, {
        leadShare: 50,
        version: current.version,
      });
      expect(shared.status).toBe(200);
      current = shared.json;
      expect(current.leadShare).toBe(50);
      expect(current.items.find((item) => item.ref === 'II.1.a.2')).toMatchObject({
        progress: 70,
        reportedProgress: 100,
      });
      expect(
        (
          await coordinator.request('PATCH', `/api/plans/${plan.id}`, {
            leadShare: 120,
            version: current.version,
          })
        ).status,
      ).toBe(400);

      // Sở Nội vụ leads II.1.a.2: its reporter reports the task's progress but may not weigh it.
      const led = current.items.find((item) => item.ref === 'II.1.a.2') as PlanDetail['items'][number];
      const reweighed = await snvReporter.request('PATCH', `/api/plans/${plan.id}/items/${led.id}`, {
        weight: 3,
        version: led.version,
      });
      expect(reweighed.status).toBe(403);
      const task = current.items.find((item) => item.ref === 'II.1.a.1') as PlanDetail['items'][number];
      const weighted = await coordinator.request('PATCH', `/api/plans/${plan.id}/items/${task.id}`, {
        weight: 3,
        version: task.version,
      });
      expect(weighted.json.weight).toBe(3);
    }

    // Refuses a second plan for the same unit, a reporter, a unit outside scope, and a unit given no task.
    {
      expect(
        (await snvHead.request('POST', `/api/plans/${plan.id}/children`, { unitId: snvId })).status,
      ).toBe(409);
      expect(
        (await snvReporter.request('POST', `/api/plans/${plan.id}/children`, { unitId: snvId })).status,
      ).toBe(403);
      expect(
        (await snvHead.request('POST', `/api/plans/${plan.id}/children`, { unitId: stpId })).status,
      ).toBe(403);
      const commune = await unitIdByCode(t.database, '11953');
      const none = await coordinator.request('POST', `/api/plans/${plan.id}/children`, { unitId: commune });
      expect(none.status).toBe(400);
      expect(none.json.error.details.fields[0].message).toContain('chưa giao nhiệm vụ');
    }
  });
});
