import type { z } from 'zod';
import type { AuditEventView } from '../../../core/audit/audit-event.ts';
import type { GrantView, Me, UserView } from '../../../core/auth/account-views.ts';
import type { UnitDetail, UnitSummary, unitDetailSchema } from '../../../core/units/unit-views.ts';

/** Shapes the API returns: the contract in core/, shared with the server's presenters. */
export type { Me, UnitDetail, UnitSummary, UserView };
export type Grant = GrantView;
export type UnitLink = z.infer<typeof unitDetailSchema>['successors'][number];
export type AuditEvent = AuditEventView;
