import { Badge, Button } from '@mantine/core';
import { useState } from 'react';
import { planName } from '../../../../core/plans/plan-name.ts';
import { PLAN_STATUS_NAMES, type PlanStatus } from '../../../../core/plans/plan-views.ts';
import { formatDateVi, todayInVietnam } from '../../../../core/text/dates.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import { type PlanDetail, usePlanIssue } from './api.ts';

const STATUS_COLORS: Record<PlanStatus, string> = { draft: 'yellow', active: 'green', closed: 'gray' };

/** "Dự thảo", "Đã ban hành", "Đã kết thúc". */
export function PlanStatusBadge({ status }: { status: PlanStatus }) {
  const { locale } = useT();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" tt="none">
      {PLAN_STATUS_NAMES[status][locale]}
    </Badge>
  );
}

/**
 * Issue a draft plan ("Ban hành") or withdraw an issued unit's plan to a draft, each behind a dialog
 * saying what will happen: shown only to whoever may act in the unit's name (`access.issue`).
 */
export function PlanIssueActions({ plan }: { plan: PlanDetail }) {
  const { t, locale } = useT();
  const { issue, withdraw } = usePlanIssue(plan.id);
  const [asking, setAsking] = useState<'issue' | 'withdraw' | null>(null);
  if (!plan.access.issue) return null;
  const canWithdraw = plan.status === 'active' && plan.parentPlan !== null;
  if (plan.status !== 'draft' && !canWithdraw) return null;
  const close = () => {
    issue.reset();
    withdraw.reset();
    setAsking(null);
  };

  return (
    <>
      {plan.status === 'draft' ? (
        <Button color="green" aria-haspopup="dialog" onClick={() => setAsking('issue')}>
          {t('issuePlan')}
        </Button>
      ) : (
        <Button variant="outline" color="red" aria-haspopup="dialog" onClick={() => setAsking('withdraw')}>
          {t('withdrawPlan')}
        </Button>
      )}
      <ConfirmDialog
        opened={asking === 'issue'}
        title={t('issuePlanTitle')}
        confirmLabel={t('issuePlan')}
        isBusy={issue.isPending}
        error={issue.error?.message ?? null}
        onConfirm={() => issue.mutate(plan.version, { onSuccess: close })}
        onClose={close}
      >
        {fill(t('issuePlanWhat'), {
          plan: planName(plan, locale),
          // No date written: the server issues it today.
          date: formatDateVi(plan.issuedOn ?? todayInVietnam()),
          unit: plan.issuer ?? plan.unit.name,
          numbering: plan.number
            ? fill(t('issuePlanNumberKept'), { number: plan.number })
            : t('issuePlanNumberNext'),
          parent: plan.parentPlan ? planName(plan.parentPlan, locale) : t('issuePlanNoParent'),
        })}
      </ConfirmDialog>
      <ConfirmDialog
        opened={asking === 'withdraw'}
        title={t('withdrawPlanTitle')}
        confirmLabel={t('withdrawPlan')}
        danger
        reason="required"
        reasonLabel={t('withdrawReason')}
        isBusy={withdraw.isPending}
        error={withdraw.error?.message ?? null}
        onConfirm={(reason) =>
          withdraw.mutate({ version: plan.version, reason: reason ?? '' }, { onSuccess: close })
        }
        onClose={close}
      >
        {fill(t('withdrawPlanWhat'), { plan: planName(plan, locale) })}
      </ConfirmDialog>
    </>
  );
}
