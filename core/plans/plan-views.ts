/**
 * Plans as the API sends them and the forms send back: one zod schema per shape, shared by the
 * server (validation, OpenAPI), the web app (forms) and the .docx export.
 */

import { z } from 'zod';
import { zodMsg } from '../errors.ts';
import { fileSignatureSummarySchema } from '../files/signature-views.ts';
import { idSchema, versionSchema } from '../ids.ts';
import { isoDate, optionalText, text } from '../text/fields.ts';
import { groupKeySchema, groupRefSchema } from '../units/groups.ts';
import { DIMENSION_TABLE } from './dimension-table.ts';
import {
  DIMENSION_CODES,
  type DimensionCode,
  DOCUMENT_FIELDS,
  INDEX_CODES,
  RECURRENCES,
  type Recurrence,
} from './types.ts';

export const PLAN_STATUSES = ['draft', 'active', 'closed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** A unit's plan is a draft until issued ("ban hành"); an issued plan is in force until closed. */
export const PLAN_STATUS_NAMES: Record<PlanStatus, { vi: string; en: string }> = {
  draft: { vi: 'Dự thảo', en: 'Draft' },
  active: { vi: 'Đã ban hành', en: 'Issued' },
  closed: { vi: 'Đã kết thúc', en: 'Closed' },
};

export const ITEM_STATUSES = ['not_started', 'in_progress', 'done', 'cancelled'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const ITEM_STATUS_NAMES: Record<ItemStatus, { vi: string; en: string }> = {
  not_started: { vi: 'Chưa thực hiện', en: 'Not started' },
  in_progress: { vi: 'Đang thực hiện', en: 'In progress' },
  done: { vi: 'Hoàn thành', en: 'Done' },
  cancelled: { vi: 'Không thực hiện', en: 'Cancelled' },
};

/** "PAPI.5 – Thủ tục hành chính công". */
export function dimensionLabel(code: DimensionCode, locale: 'vi' | 'en' = 'vi'): string {
  const name = dimensionName(code, locale);
  return name ? `${code} – ${name}` : code;
}

/** A dimension by its name alone ("Tham gia của người dân ở cấp cơ sở"; "Participation"). */
export function dimensionName(code: DimensionCode, locale: 'vi' | 'en' = 'vi'): string {
  const name =
    locale === 'en'
      ? DIMENSION_NAMES_EN[code]
      : (DIMENSION_TABLE.find((entry) => entry.code === code)?.names[0] ?? '');
  return name ? `${name.charAt(0).toUpperCase()}${name.slice(1)}` : '';
}

/** The dimensions' English names, as the frameworks state them (reference/frameworks). */
const DIMENSION_NAMES_EN: Record<DimensionCode, string> = {
  'PAPI.1': 'Participation',
  'PAPI.2': 'Transparency of local decision-making',
  'PAPI.3': 'Vertical accountability',
  'PAPI.4': 'Control of corruption in the public sector',
  'PAPI.5': 'Public administrative procedures',
  'PAPI.6': 'Public service delivery',
  'PAPI.7': 'Environmental governance',
  'PAPI.8': 'E-governance',
  'PAR.1': 'Steering of administrative reform',
  'PAR.2': 'Institutional reform',
  'PAR.3': 'Administrative procedure reform',
  'PAR.4': 'Organisational reform',
  'PAR.5': 'Civil service reform',
  'PAR.6': 'Public finance reform',
  'PAR.7': 'E-government and digital government',
  'PAR.8': 'Impact of administrative reform',
};

export const RECURRENCE_NAMES: Record<Recurrence, { vi: string; en: string }> = {
  weekly: { vi: 'Hằng tuần', en: 'Weekly' },
  monthly: { vi: 'Hằng tháng', en: 'Monthly' },
  quarterly: { vi: 'Hằng quý', en: 'Quarterly' },
  semiannual: { vi: '6 tháng', en: 'Half-yearly' },
  annual: { vi: 'Hằng năm', en: 'Yearly' },
  periodic: { vi: 'Định kỳ', en: 'Periodic' },
  continuous: { vi: 'Thường xuyên', en: 'Ongoing' },
};

export const unitRefSchema = z.object({ id: z.number().int(), name: z.string() });
export type UnitRef = z.infer<typeof unitRefSchema>;

export const planItemSchema = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  /** The document's own numbering: "II.1.a.1". */
  ref: z.string(),
  kind: z.enum(['section', 'task']),
  text: z.string(),
  index: z.enum(INDEX_CODES).nullable(),
  dimension: z.enum(DIMENSION_CODES).nullable(),
  lead: z.array(unitRefSchema),
  support: z.array(unitRefSchema),
  /** Groups the task is given to ("Tất cả xã, phường"), each with the units it covers today. */
  leadGroups: z.array(groupRefSchema),
  supportGroups: z.array(groupRefSchema),
  /** Lead and coordinating agencies as the document names them, whether mapped to a unit or not. */
  leadNames: z.array(z.string()),
  supportNames: z.array(z.string()),
  due: z.string().nullable(),
  recurrence: z.enum(RECURRENCES).nullable(),
  status: z.enum(ITEM_STATUSES),
  /**
   * 0–100. A task's: its lead's report, blended with the units' implementing tasks by the plan's lead
   * share; a section's: the weighted mean of its children's.
   */
  progress: z.number(),
  /** What the lead unit itself reported (a task's), before blending. */
  reportedProgress: z.number(),
  weight: z.number(),
  overdue: z.boolean(),
  note: z.string().nullable(),
  /** For a task of a unit's plan: the task of the parent plan it implements. */
  implementsItemId: z.number().int().nullable(),
  /** In a remediation plan: the criterion the task is to bring to full marks ("XA.3.2", "PAPI.5"). */
  remedies: z.string().nullable(),
  evidenceCount: z.number().int(),
  version: z.number().int(),
});
export type PlanItem = z.infer<typeof planItemSchema>;

export const evidenceSchema = z.object({
  id: z.number().int(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
  uploadedBy: z.string().nullable(),
  /** What its digital signatures say, judged when answered; null: not a PDF. */
  signature: fileSignatureSummarySchema.nullable(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const planTargetSchema = z.object({
  id: z.number().int(),
  ref: z.string(),
  text: z.string(),
  op: z.string(),
  value: z.number(),
  unit: z.string(),
  level: z.enum(['province', 'district', 'commune']).nullable(),
  /** The catalogue indicator it measures, if any, and the period it is set for ("2026Q4"; null: the plan's term). */
  indicatorCode: z.string().nullable(),
  periodCode: z.string().nullable(),
  version: z.number().int(),
});

const planFields = {
  number: z.string().nullable(),
  type: z.string().nullable(),
  issuedOn: z.string().nullable(),
  place: z.string().nullable(),
  issuer: z.string().nullable(),
  signer: z.string().nullable(),
  title: z.string(),
  year: z.number().int(),
  indices: z.array(z.enum(INDEX_CODES)),
};

export const planSummarySchema = z.object({
  id: z.number().int(),
  ...planFields,
  unit: unitRefSchema,
  parentPlanId: z.number().int().nullable(),
  status: z.enum(PLAN_STATUSES),
  /** When it was issued in Chiso (null: a draft); a unit's answer is on time or late by it. */
  issuedAt: z.string().nullable(),
  /** Since when it is on the public site (null: not public). */
  publishedAt: z.string().nullable(),
  taskCount: z.number().int(),
  overdueCount: z.number().int(),
  progress: z.number(),
  createdAt: z.string(),
});
export type PlanSummary = z.infer<typeof planSummarySchema>;

/** A plan as another names it: "Kế hoạch số 12/KH-UBND" (core/plans/plan-name.ts), never its id. */
export const planRefSchema = z.object({
  id: z.number().int(),
  number: z.string().nullable(),
  type: z.string().nullable(),
  title: z.string(),
});
export type PlanRef = z.infer<typeof planRefSchema>;

/** What the reader may do with a plan, so a screen shows only the actions its grants allow. */
export const planAccessSchema = z.object({
  /** Change the plan: its particulars, tasks, targets, assignments (plans.write on its unit). */
  write: z.boolean(),
  /** Issue it and withdraw it back to a draft (plans.issue on its unit). */
  issue: z.boolean(),
  /** Its particulars, own tasks and targets may be changed now: a unit's plan only while a draft. */
  edit: z.boolean(),
  /** The tasks whose status and progress the reader reports (all, with `write`). */
  reportItemIds: z.array(z.number().int()),
});

/** The document's parts around its tasks (core/plans/types.ts PlanParts). */
const line = z.string().trim().min(1).max(5000);
// An imported plan keeps its sections as written: a long organisation section runs to a hundred paragraphs.
export const planPartsSchema = z.object({
  basis: z.array(line).max(50),
  purposes: z.array(line).max(300),
  organisation: z.array(line).max(300),
  recipients: z.array(z.string().trim().min(1).max(300)).max(100),
});

export const planDetailSchema = planSummarySchema.extend({
  /** The plan this unit's plan answers, as it is named. */
  parentPlan: planRefSchema.nullable(),
  parts: planPartsSchema.nullable(),
  /** A remediation plan: the round whose weak criteria it answers. */
  remediatesRound: z.object({ id: z.number().int(), name: z.string(), year: z.number().int() }).nullable(),
  access: planAccessSchema,
  childPlansDue: z.string().nullable(),
  leadShare: z.number(),
  warnings: z.array(z.string()),
  items: z.array(planItemSchema),
  targets: z.array(planTargetSchema),
  version: z.number().int(),
});
export type PlanDetail = z.infer<typeof planDetailSchema>;

// ---- What the import screen reads: the parse, each particular with how sure the importer is ----

/** One particular's confidence (core/plans/types.ts FieldConfidence). */
export const fieldConfidenceSchema = z.object({
  level: z.enum(['sure', 'unsure', 'missing']),
  reason: z.object({ vi: z.string(), en: z.string() }),
  candidate: z.string().optional(),
});

export const documentConfidenceSchema = z.object(
  Object.fromEntries(DOCUMENT_FIELDS.map((field) => [field, fieldConfidenceSchema])) as Record<
    (typeof DOCUMENT_FIELDS)[number],
    typeof fieldConfidenceSchema
  >,
);

/** The parsed plan as the preview returns it: plain data, with the particulars' confidence described. */
export const parsedPlanPreviewSchema = z.looseObject({
  documentConfidence: documentConfidenceSchema.optional(),
});

// ---- What the import screen sends to save a plan -------------------------------------------------

const unitIds = z.array(idSchema).max(50);
const agencyNames = z.array(z.string().trim().min(1).max(200)).max(50);

export const newPlanTaskSchema = z.object({
  ref: z.string().trim().min(1).max(60),
  text: text(5000, zodMsg('Nhiệm vụ không được để trống.', 'A task cannot be empty.')),
  index: z.enum(INDEX_CODES).nullable(),
  dimension: z.enum(DIMENSION_CODES).nullable(),
  leadNames: agencyNames,
  supportNames: agencyNames,
  due: isoDate.nullable(),
  recurrence: z.enum(RECURRENCES).nullable(),
  /** In a unit's plan made in answer to another: the task of that plan this one carries out. */
  implementsItemId: idSchema.nullable().default(null),
  /** In a remediation plan: the criterion the task is to bring to full marks. */
  remedies: z.string().trim().min(1).max(60).nullable().default(null),
});

export const createPlanSchema = z.object({
  unitId: idSchema,
  parentPlanId: idSchema.nullable().default(null),
  number: optionalText(60),
  type: optionalText(10),
  issuedOn: isoDate.nullable(),
  place: optionalText(100),
  issuer: optionalText(255),
  signer: optionalText(150),
  title: text(1000, zodMsg('Vui lòng nhập trích yếu (tên) của kế hoạch.', 'Enter the plan’s title.')),
  year: z.number().int().min(2000).max(2100),
  indices: z.array(z.enum(INDEX_CODES)).max(INDEX_CODES.length),
  sections: z
    .array(z.object({ ref: z.string().trim().min(1).max(60), title: z.string().max(1000) }))
    .max(2000),
  tasks: z
    .array(newPlanTaskSchema)
    .min(1, zodMsg('Kế hoạch phải có ít nhất một nhiệm vụ.', 'A plan must have at least one task.'))
    .max(2000),
  targets: z
    .array(
      z.object({
        ref: z.string().max(60),
        text: z.string().max(2000),
        op: z.string().max(4),
        value: z.number(),
        unit: z.string().max(40),
        level: z.enum(['province', 'district', 'commune']).nullable(),
      }),
    )
    .max(500),
  warnings: z.array(z.string().max(1000)).max(200).default([]),
  /** Agency names of the document → organisation units; remembered for the next import. */
  agencies: z
    .array(
      z.object({
        name: z.string().trim().min(1).max(200),
        unitId: idSchema.nullable(),
        /**
         * Or several units: the communes that succeeded a district ("UBND huyện Tiên Lữ"), accepted from the
         * preview's suggestion. Not remembered for later imports.
         */
        unitIds: z.array(idSchema).max(200).default([]),
        /** Or a group of units ("UBND cấp xã" → every commune), resolved to its members when read. */
        groupKey: groupKeySchema.nullable().default(null),
      }),
    )
    .max(500),
  childPlansDue: isoDate.nullable().default(null),
  parts: planPartsSchema.nullable().default(null),
  /** A remediation plan drafted from this round's weak criteria. */
  remediatesRoundId: idSchema.nullable().default(null),
  /** Saved as the unit's draft, issued later with its number and date (a plan drafted in Chiso). */
  asDraft: z.boolean().default(false),
});
export type CreatePlanInput = z.input<typeof createPlanSchema>;

const wordsSchema = z.object({ vi: z.string(), en: z.string() });

/** One agency name of a parsed document and the unit it resolves to, if any. */
export const agencyMatchSchema = z.object({
  name: z.string(),
  unit: unitRefSchema.nullable(),
  /** A name that stands for a group of units ("UBND cấp xã"): the group, with its units today. */
  group: groupRefSchema.nullable(),
  /**
   * "alias": remembered from an earlier import; "name": same name as an active unit; "group": a group's
   * name; "successor": a name from before the 2025 reorganisation, suggested as the unit(s) carrying it.
   */
  source: z.enum(['alias', 'name', 'group', 'successor']).nullable(),
  /**
   * For "successor": the units carrying the name today (one: also in `unit`, pre-filled; several: a
   * district's communes, for the person to accept) and why ("Đơn vị kế thừa từ 01/03/2025 …").
   */
  suggestion: z.object({ units: z.array(unitRefSchema), reason: wordsSchema }).nullable(),
  /** Why a name is left for the person to map ("Cấp huyện kết thúc hoạt động từ 01/07/2025 …"). */
  note: wordsSchema.nullable(),
});
export type AgencyMatch = z.infer<typeof agencyMatchSchema>;

/** What a unit's plan in answer to a provincial one starts from: the tasks given to the unit. */
export const createChildPlanSchema = z.object({
  unitId: idSchema,
  title: optionalText(1000),
});

export const updatePlanSchema = z.object({
  /** The particulars a unit gives its own plan once it is issued. */
  number: optionalText(60).optional(),
  issuedOn: isoDate.nullable().optional(),
  signer: optionalText(150).optional(),
  place: optionalText(100).optional(),
  title: text(
    1000,
    zodMsg('Vui lòng nhập trích yếu (tên) của kế hoạch.', 'Enter the plan’s title.'),
  ).optional(),
  childPlansDue: isoDate.nullable().optional(),
  leadShare: z.number().min(0).max(100).optional(),
  /** In force or closed; a draft is issued and withdrawn by its own steps (issuePlanSchema). */
  status: z.enum(['active', 'closed']).optional(),
  version: versionSchema,
});

export const issuePlanSchema = z.object({ version: versionSchema });

/** Put an issued plan on the public site, or take it off (`published: false`). */
export const publishPlanSchema = z.object({ published: z.boolean(), version: versionSchema });

/** What the confirmation says before a plan goes public: how much becomes visible, and where. */
export const planPublicationSchema = z.object({
  publishedAt: z.string().nullable(),
  tasks: z.number().int(),
  /** Tasks with at least one accepted report's text, shown under the task. */
  reportedTasks: z.number().int(),
  /** Its address on the public site, and the staff's preview of that page (also before publishing). */
  publicPath: z.string(),
  previewPath: z.string(),
  version: z.number().int(),
});
export type PlanPublication = z.infer<typeof planPublicationSchema>;

export const withdrawPlanSchema = z.object({
  version: versionSchema,
  reason: text(2000, zodMsg('Vui lòng nêu lý do thu hồi.', 'Give the reason for withdrawing it.')),
});

export const CASCADE_STATES = ['submitted', 'late', 'missing', 'pending'] as const;
export type CascadeState = (typeof CASCADE_STATES)[number];

export const CASCADE_STATE_NAMES: Record<CascadeState, { vi: string; en: string }> = {
  submitted: { vi: 'Đã ban hành đúng hạn', en: 'Issued on time' },
  late: { vi: 'Ban hành muộn', en: 'Issued late' },
  missing: { vi: 'Quá hạn, chưa ban hành', en: 'Overdue, not issued' },
  pending: { vi: 'Chưa ban hành', en: 'Not yet issued' },
};

/** Who was asked for a plan of their own, who answered, and which tasks nobody took up. */
export const cascadeSchema = z.object({
  childPlansDue: z.string().nullable(),
  units: z.array(
    z.object({
      unit: unitRefSchema,
      state: z.enum(CASCADE_STATES),
      plan: planRefSchema
        .extend({
          createdAt: z.string(),
          status: z.enum(PLAN_STATUSES),
          issuedAt: z.string().nullable(),
          taskCount: z.number().int(),
        })
        .nullable(),
      assignedTasks: z.number().int(),
      /** Whether the reader may make this unit's plan (plans.write on the unit). */
      canAnswer: z.boolean(),
      /** The reader's own unit, reading the plan through the tasks it gives that unit (not the author's view). */
      isOwn: z.boolean(),
      /** Named on a task itself (not only reached through a group): the board lists it on its own row. */
      named: z.boolean(),
    }),
  ),
  /** Each group tasks are given to, as one row: its units' states counted, and the units themselves. */
  groups: z.array(
    z.object({
      group: groupRefSchema,
      assignedTasks: z.number().int(),
      counts: z.object({
        submitted: z.number().int(),
        late: z.number().int(),
        missing: z.number().int(),
        pending: z.number().int(),
      }),
      unitIds: z.array(z.number().int()),
    }),
  ),
  /** How many of the units listed are in each state. */
  counts: z.object({
    submitted: z.number().int(),
    late: z.number().int(),
    missing: z.number().int(),
    pending: z.number().int(),
  }),
  untakenTasks: z.array(
    z.object({ id: z.number().int(), ref: z.string(), text: z.string(), lead: z.array(unitRefSchema) }),
  ),
});
export type Cascade = z.infer<typeof cascadeSchema>;

export const updatePlanItemSchema = z.object({
  status: z.enum(ITEM_STATUSES).optional(),
  progress: z.number().min(0).max(100).optional(),
  /** How much the item counts in its section's progress (the coordinator's call). */
  weight: z.number().min(0).max(100).optional(),
  due: isoDate.nullable().optional(),
  /** The task's wording and rhythm: the plan's author changes them (a unit, in its own plan). */
  text: text(5000, zodMsg('Nhiệm vụ không được để trống.', 'A task cannot be empty.')).optional(),
  recurrence: z.enum(RECURRENCES).nullable().optional(),
  dimension: z.enum(DIMENSION_CODES).nullable().optional(),
  leadUnitIds: unitIds.optional(),
  supportUnitIds: unitIds.optional(),
  leadGroupKeys: z.array(groupKeySchema).max(20).optional(),
  supportGroupKeys: z.array(groupKeySchema).max(20).optional(),
  note: optionalText(2000).optional(),
  version: versionSchema,
});
export type UpdatePlanItemInput = z.input<typeof updatePlanItemSchema>;
