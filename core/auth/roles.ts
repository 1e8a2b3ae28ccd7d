/**
 * Roles and what they may do, declared once. A role is always granted on a unit and reaches that
 * unit's whole subtree: a commune reporter sees its commune, a coordinator at the province sees all.
 */
export const ROLES = {
  admin: { vi: 'Quản trị hệ thống', en: 'Administrator' },
  coordinator: { vi: 'Cán bộ điều phối (Sở Nội vụ)', en: 'Coordinator' },
  unit_reporter: { vi: 'Cán bộ báo cáo của đơn vị', en: 'Unit reporter' },
  unit_head: { vi: 'Thủ trưởng đơn vị', en: 'Unit head' },
  appraiser: { vi: 'Thành viên hội đồng thẩm định', en: 'Appraiser' },
  leader: { vi: 'Lãnh đạo tỉnh', en: 'Provincial leader' },
  clerk: { vi: 'Văn thư', en: 'Records clerk' },
} as const;

export type Role = keyof typeof ROLES;
export const ROLE_NAMES = Object.keys(ROLES) as [Role, ...Role[]];

const EVERY_ROLE: readonly Role[] = ROLE_NAMES;

/** Each permission lists the roles that carry it. Routes name a permission; nothing else grants access. */
export const PERMISSIONS = {
  'units.read': EVERY_ROLE,
  'indices.read': EVERY_ROLE,
  'units.write': ['admin'],
  /** Name and save groups of units ("Các xã biên giới") to give plan tasks to, in the units in scope. */
  'units.groups': ['admin', 'coordinator'],
  'plans.read': EVERY_ROLE,
  /** Import, edit and assign plans of the units in scope (a unit head: the unit's own plan). */
  'plans.write': ['admin', 'coordinator', 'unit_head'],
  /** Issue a unit's plan in its name ("ban hành") and withdraw it back to a draft. */
  'plans.issue': ['admin', 'coordinator', 'unit_head'],
  /** Report status and progress on tasks the user's unit leads. */
  'plans.report': ['admin', 'coordinator', 'unit_reporter', 'unit_head'],
  'reports.read': EVERY_ROLE,
  /** Draft the unit's periodic report. */
  'reports.write': ['unit_reporter', 'unit_head'],
  /** Send it in the unit's name. */
  'reports.submit': ['unit_head'],
  /** Return, accept, lock and reopen reports; see completeness. */
  'reports.review': ['admin', 'coordinator'],
  'assessment.read': EVERY_ROLE,
  /** Frameworks, rounds, stages, deadlines, bonus and penalty points. */
  'assessment.manage': ['admin', 'coordinator'],
  /** The unit's own self-assessment and explanations. */
  'assessment.self': ['unit_reporter', 'unit_head'],
  /** The council's appraisal. */
  'assessment.appraise': ['appraiser', 'coordinator'],
  'indicators.read': EVERY_ROLE,
  /** Enter the values of the unit's own indicators for a period. */
  'indicators.enter': ['unit_reporter', 'unit_head'],
  /** The indicator catalogue and targets. */
  'indicators.manage': ['admin', 'coordinator'],
  /** Bulk-import dossiers of the units in scope (a row for a unit outside it is refused). */
  'dossiers.import': ['admin', 'coordinator', 'unit_reporter'],
  /** The leader's overview of a province: PAPI, dossiers, reports, overdue tasks, assessment. */
  'overview.read': ['admin', 'coordinator', 'leader'],
  /**
   * The national view: every province's shared figures side by side, ranked, and the DHIS2 export
   * (installation-wide: a grant at the root).
   */
  'national.read': ['admin', 'coordinator', 'leader'],
  /** Accounts whose roles lie in the user's subtree; a coordinator there creates and imports them too. */
  'users.read': ['admin', 'coordinator'],
  'users.write': ['admin', 'coordinator'],
  'audit.read': ['admin'],
  /** Citizens' feedback handled by or concerning the units in scope: the inbox, items and their history. */
  'feedback.read': ['admin', 'coordinator', 'unit_reporter', 'unit_head', 'leader'],
  /** Enter what arrives by hotline, paper, Zalo or the portal; accept, forward, ask, answer, close. */
  'feedback.handle': ['admin', 'coordinator', 'unit_reporter', 'unit_head'],
  /** The routing table and the province's clock settings (installation-wide: a grant at the root). */
  'feedback.manage': ['admin', 'coordinator'],
  /** Satisfaction surveys' results of the units in scope: figures, intervals, comments, exports. */
  'surveys.read': ['admin', 'coordinator', 'unit_reporter', 'unit_head', 'leader'],
  /** Enter and import paper questionnaires of the units in scope. */
  'surveys.enter': ['admin', 'coordinator', 'unit_reporter', 'unit_head'],
  /** Questionnaires and their versions (installation-wide); hold out or restore responses in scope. */
  'surveys.manage': ['admin', 'coordinator'],
  /** The units' own public contacts (head, phone, e-mail, address) shown on the public site. */
  'units.contacts': ['admin', 'coordinator', 'unit_head', 'unit_reporter'],
  /** The disclosures register of the units in scope: what was disclosed, where and from when to when. */
  'disclosures.read': ['admin', 'coordinator', 'unit_reporter', 'unit_head', 'leader'],
  /** Record and correct the disclosures of the units in scope. */
  'disclosures.record': ['admin', 'coordinator', 'unit_reporter', 'unit_head'],
  /** The catalogue of what must be disclosed (installation-wide: a grant at the root). */
  'disclosures.manage': ['admin', 'coordinator'],
  /** Community projects of the units in scope: contributions, books, supervision board, accounts. */
  'projects.read': ['admin', 'coordinator', 'unit_reporter', 'unit_head', 'leader'],
  /** Record projects, their books and the supervision board's notices and the answers; publish them. */
  'projects.write': ['admin', 'coordinator', 'unit_reporter', 'unit_head'],
  /** Signing certificates of the units in scope (upload, retire, the seal's image); the trust list and time-stamping service (installation-wide: a grant at the root). */
  'documents.certificates': ['admin'],
  /**
   * The register of outgoing documents (sổ văn bản đi) of the units in scope: read it, take a number
   * for a document, void one (it is never given again), export it.
   */
  'documents.register': ['admin', 'coordinator', 'unit_head', 'clerk'],
  /**
   * Sign a numbered document in the unit's name (ký số by the head). Declared for the signing step on
   * the register's records; no route carries it yet.
   */
  'documents.sign': ['unit_head'],
  /**
   * Put the unit's seal (ký số của cơ quan, the clerk's step after the head signs) on a signed document.
   * Declared for the signing step on the register's records; no route carries it yet.
   */
  'documents.seal': ['clerk'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** A grant as the policy sees it: the role and the materialised path of the unit it is granted on. */
export interface Grant {
  role: Role;
  unitId: number;
  unitPath: string;
}

/** Unit paths are materialised as "/1/5/23/": a unit is inside a grant's subtree when its path starts with it. */
export function isWithin(unitPath: string, ancestorPath: string): boolean {
  return unitPath.startsWith(ancestorPath);
}

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Whether any grant carries the permission at all (anywhere): the route-level check. */
export function hasPermissionSomewhere(grants: readonly Grant[], permission: Permission): boolean {
  return grants.some((grant) => roleHasPermission(grant.role, permission));
}

/** Whether a grant carries the permission on the unit at `unitPath`: the record-level check. */
export function hasPermissionOn(grants: readonly Grant[], permission: Permission, unitPath: string): boolean {
  return grants.some(
    (grant) => roleHasPermission(grant.role, permission) && isWithin(unitPath, grant.unitPath),
  );
}

/**
 * Installation-wide things belong to no unit: frameworks (the national templates included), the
 * indicator catalogue, installation settings and holidays, agency aliases, dossier column mappings.
 * Changing them needs the permission on the root of the tree: a grant on no unit (the whole
 * installation, path "/") or on a top-level unit (the province an installation serves). A
 * coordinator granted on one commune holds the permission only for that commune's records.
 */
export function hasInstallationPermission(grants: readonly Grant[], permission: Permission): boolean {
  return grants.some(
    (grant) =>
      roleHasPermission(grant.role, permission) && grant.unitPath.split('/').filter(Boolean).length <= 1,
  );
}

/** The subtree roots where the permission holds, with nested roots dropped ("/1/" covers "/1/5/"). */
export function scopeRoots(grants: readonly Grant[], permission: Permission): string[] {
  const paths = grants
    .filter((grant) => roleHasPermission(grant.role, permission))
    .map((grant) => grant.unitPath)
    .sort((a, b) => a.length - b.length);
  const roots: string[] = [];
  for (const path of paths) {
    if (!roots.some((root) => isWithin(path, root))) roots.push(path);
  }
  return roots;
}
