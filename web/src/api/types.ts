import type { Role } from '../../../core/auth/roles.ts';
import type { SuccessionKind, UnitType } from '../../../core/units/unit-types.ts';

/** Shapes the API returns (see the presenters in server/). */
export interface Grant {
  id: number;
  role: Role;
  unitId: number | null;
  unitName: string | null;
}

export interface Me {
  id: number;
  username: string;
  fullName: string;
  email: string | null;
  locale: 'vi' | 'en';
  mustChangePassword: boolean;
  grants: Grant[];
  permissions: string[];
}

export interface UnitSummary {
  id: number;
  code: string | null;
  name: string;
  type: UnitType;
  parentId: number | null;
  parentName: string | null;
  validFrom: string;
  validTo: string | null;
  isActive: boolean;
  childCount: number;
  headName: string | null;
}

export interface UnitLink {
  id: number;
  name: string;
  kind: SuccessionKind;
  effectiveOn: string;
}

export interface UnitDetail extends UnitSummary {
  shortName: string | null;
  headTitle: string | null;
  headPhone: string | null;
  headEmail: string | null;
  address: string | null;
  version: number;
  ancestors: { id: number; name: string }[];
  predecessors: UnitLink[];
  successors: UnitLink[];
  canEdit: boolean;
}

export interface UserView {
  id: number;
  username: string;
  fullName: string;
  email: string | null;
  isActive: boolean;
  locale: 'vi' | 'en';
  lockedUntil: string | null;
  createdAt: string;
  version: number;
  grants: Grant[];
}

export interface AuditEvent {
  seq: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  ip: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  unitId: number | null;
  before: unknown;
  after: unknown;
}
