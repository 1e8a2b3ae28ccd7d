import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { periodName } from '../../../../core/periods/period-names.ts';
import { ITEM_STATUS_NAMES, ITEM_STATUSES } from '../../../../core/plans/plan-views.ts';
import {
  canTransition,
  isEditable,
  NARRATIVE_SECTIONS,
  type NarrativeSection,
  REPORT_ACTIONS,
  REPORT_STATUS_NAMES,
  type ReportAction,
} from '../../../../core/reports/report.ts';
import { formatDateVi } from '../../../../core/text/dates.ts';
import { useAutosave } from '../../api/autosave.ts';
import { ApiError, api } from '../../api/client.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ConflictDialog } from '../../components/ConflictDialog.tsx';
import { SaveState } from '../../components/SaveState.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { fill } from '../../i18n/fill.ts';
import { formatDateTimeVi, useT } from '../../i18n/locale.tsx';
import { hasPermission, useMe } from '../auth/session.ts';
import { type Report, useReport, useReportWrite } from './api.ts';
import { ReportIndicators } from './ReportIndicators.tsx';
import { ReportSignedCopy } from './ReportSignedCopy.tsx';

type Draft = { narrative: Record<string, string | null>; tasks: Report['tasks'] };

/** The unit's report: the five sections and the tasks, saved as they are typed; the workflow buttons. */
export function ReportPage() {
  const { reportId } = useParams({ strict: false }) as { reportId: string };
  const id = Number(reportId);
  const { t, locale } = useT();
  const { data: me } = useMe();
  const { data: report, error, refetch } = useReport(id);
  const [draft, setDraft] = useState<Draft | null>(null);
  const version = useRef(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  // Presenting and sending hand the report over and make it read-only: confirmed first.
  const [confirming, setConfirming] = useState<'present' | 'submit' | null>(null);
  const editable = !!report && isEditable(report.status) && hasPermission(me, 'reports.write');
  // The narrative and the task rows save as they are typed, each save over the version the last returned.
  const autosave = useAutosave<Draft>({
    save: async (input, { keepalive }) => {
      const result = await api<Report>(
        'PUT',
        `/api/reports/${id}`,
        {
          narrative: input.narrative,
          tasks: input.tasks.map((task) => ({ itemId: task.itemId, ...task.reported })),
          version: version.current,
        },
        { keepalive },
      );
      version.current = result.version;
    },
    enabled: editable,
    leaveMessage: t('saveLeaveUnsaved'),
  });
  const move = useReportWrite((action: ReportAction) =>
    api<Report>('POST', `/api/reports/${id}/transitions`, {
      action,
      reason: reason || null,
      version: version.current,
    }),
  );

  useEffect(() => {
    if (report) {
      version.current = report.version;
      setDraft((current) => current ?? { narrative: report.narrative, tasks: report.tasks });
    }
  }, [report]);

  if (error) return <Alert color="red">{error.message}</Alert>;
  if (!report || !draft) return <Text>{t('loading')}</Text>;
  const change = (next: Draft) => {
    setDraft(next);
    if (editable) autosave.schedule(next);
  };
  const keepMine = (current: { version: number }) => {
    version.current = current.version;
    void autosave.retry();
  };
  const takeTheirs = async () => {
    autosave.discard();
    const { data } = await refetch();
    if (!data) return;
    version.current = data.version;
    setDraft({ narrative: data.narrative, tasks: data.tasks });
  };
  const conflictNarrative = (
    autosave.conflict?.record as { narrative?: Record<string, string | null> } | null
  )?.narrative;
  const act = async (action: ReportAction) => {
    setProblem(null);
    setConfirming(null);
    try {
      // What was typed last is saved before the report moves on.
      if (editable && !(await autosave.flush())) return;
      const result = await move.mutateAsync(action);
      version.current = result.version;
      setReason('');
      setDraft({ narrative: result.narrative, tasks: result.tasks });
    } catch (caught) {
      setProblem(caught instanceof ApiError ? (caught.fields[0]?.message ?? caught.message) : String(caught));
    }
  };
  // A head sends the report (or returns it); presenting is the reporter's step towards the head.
  const isHead = hasPermission(me, 'reports.submit');
  const actions = (Object.keys(REPORT_ACTIONS) as ReportAction[]).filter(
    (action) =>
      canTransition(report.status, action) &&
      hasPermission(me, REPORT_ACTIONS[action].permission) &&
      !(action === 'present' && isHead),
  );
  const isBackward = (action: ReportAction) =>
    action === 'return' || action === 'reopen' || action === 'sendBack';

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            {t('reporting')} {periodName(report.period.code, locale)} · {t('due')}{' '}
            {formatDateVi(report.period.due)}
            {report.period.internalDue && ` · ${t('internalDue')} ${formatDateVi(report.period.internalDue)}`}
          </Text>
          <Title order={2}>{report.unit.name}</Title>
        </Stack>
        <Stack gap={2} align="flex-end">
          <Badge size="lg" variant="light" tt="none">
            {REPORT_STATUS_NAMES[report.status][locale]}
          </Badge>
          {editable && <SaveState autosave={autosave} />}
        </Stack>
      </Group>
      {report.reason && report.status === 'returned' && (
        <Alert color="orange" title={t('returnedReason')}>
          {report.reason}
        </Alert>
      )}
      {problem && (
        <Alert color="red" role="alert">
          {problem}{' '}
          <Button
            size="xs"
            variant="subtle"
            onClick={() =>
              refetch().then(({ data }) => data && setDraft({ narrative: data.narrative, tasks: data.tasks }))
            }
          >
            {t('reload')}
          </Button>
        </Alert>
      )}
      <ConflictDialog
        conflict={autosave.conflict && { ...autosave.conflict, record: conflictNarrative ?? null }}
        mine={autosave.unsaved?.narrative ?? null}
        labels={Object.fromEntries(
          Object.entries(NARRATIVE_SECTIONS).map(([section, names]) => [section, names[locale]]),
        )}
        onKeepMine={keepMine}
        onTakeTheirs={() => void takeTheirs()}
      />
      {(Object.keys(NARRATIVE_SECTIONS) as NarrativeSection[]).map((section) => (
        <Textarea
          key={section}
          label={NARRATIVE_SECTIONS[section][locale]}
          autosize
          minRows={3}
          readOnly={!editable}
          value={draft.narrative[section] ?? ''}
          onChange={(event) =>
            change({ ...draft, narrative: { ...draft.narrative, [section]: event.currentTarget.value } })
          }
        />
      ))}
      <Title order={3} size="h4">
        {t('tasks')}
      </Title>
      <ScrollTable withTableBorder minWidth={860}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={90}>{t('ref')}</Table.Th>
            <Table.Th>{t('task')}</Table.Th>
            <Table.Th w={170}>{t('status')}</Table.Th>
            <Table.Th w={110}>{t('progress')}</Table.Th>
            <Table.Th w={300}>{t('whatWasDone')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {draft.tasks.map((task, index) => {
            const update = (patch: Partial<Report['tasks'][number]['reported']>) =>
              change({
                ...draft,
                tasks: draft.tasks.map((entry, i) =>
                  i === index ? { ...entry, reported: { ...entry.reported, ...patch } } : entry,
                ),
              });
            return (
              <Table.Tr key={task.itemId}>
                <Table.Td>{task.ref}</Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={3} title={task.text}>
                    {task.text}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {[task.planNumber, task.due && `${t('due')} ${formatDateVi(task.due)}`]
                      .filter(Boolean)
                      .join(' · ')}{' '}
                    <Anchor
                      size="xs"
                      title={t('evidenceInPlan')}
                      renderRoot={(props) => (
                        <Link {...props} to="/plans/$planId" params={{ planId: String(task.planId) }} />
                      )}
                    >
                      {t('evidence')}: {task.evidenceCount}
                    </Anchor>
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Select
                    size="xs"
                    aria-label={`${t('status')} ${task.ref}`}
                    data={ITEM_STATUSES.map((value) => ({ value, label: ITEM_STATUS_NAMES[value][locale] }))}
                    value={task.reported.status}
                    readOnly={!editable}
                    allowDeselect={false}
                    onChange={(value) => value && update({ status: value })}
                  />
                </Table.Td>
                <Table.Td>
                  <NumberInput
                    size="xs"
                    aria-label={`${t('progress')} ${task.ref}`}
                    min={0}
                    max={100}
                    suffix=" %"
                    readOnly={!editable}
                    value={task.reported.progress}
                    onChange={(value) => update({ progress: Number(value) || 0 })}
                  />
                </Table.Td>
                <Table.Td>
                  <Textarea
                    size="xs"
                    aria-label={`${t('whatWasDone')} ${task.ref}`}
                    autosize
                    minRows={1}
                    readOnly={!editable}
                    value={task.reported.done ?? ''}
                    onChange={(event) => update({ done: event.currentTarget.value || null })}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </ScrollTable>
      <ReportIndicators unitId={report.unit.id} periodCode={report.period.code} editable={editable} />
      {draft.tasks.length === 0 && <Text c="dimmed">{t('noTasksToReport')}</Text>}
      {actions.length > 0 && (
        <Stack gap="xs">
          {actions.some((action) => REPORT_ACTIONS[action].needsReason) && (
            <Textarea
              label={t('reason')}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              autosize
              minRows={2}
            />
          )}
          <Group justify="flex-end">
            {actions.map((action) => (
              <Button
                key={action}
                variant={isBackward(action) ? 'light' : 'filled'}
                color={isBackward(action) ? 'orange' : undefined}
                aria-haspopup={action === 'submit' || action === 'present' ? 'dialog' : undefined}
                onClick={() =>
                  action === 'submit' || action === 'present' ? setConfirming(action) : act(action)
                }
                loading={move.isPending}
              >
                {t(`report_${action}`)}
              </Button>
            ))}
          </Group>
        </Stack>
      )}
      <ConfirmDialog
        opened={confirming !== null}
        title={t(confirming === 'present' ? 'presentReportTitle' : 'sendReportTitle')}
        confirmLabel={t(confirming === 'present' ? 'report_present' : 'report_submit')}
        isBusy={move.isPending}
        onConfirm={() => confirming && act(confirming)}
        onClose={() => setConfirming(null)}
      >
        {fill(t(confirming === 'present' ? 'presentReportWhat' : 'sendReportWhat'), {
          period: periodName(report.period.code, locale, { inSentence: true }),
          unit: report.unit.name,
        })}
      </ConfirmDialog>
      <ReportSignedCopy reportId={report.id} canAttach={hasPermission(me, 'reports.write')} />
      <Title order={3} size="h5">
        {t('history')}
      </Title>
      <Timeline bulletSize={12} lineWidth={2}>
        {report.history.map((event) => (
          <Timeline.Item
            key={`${event.at}-${event.action}`}
            title={t(`history_${event.action.replace('report.', '')}` as 'history_open')}
          >
            <Text size="xs" c="dimmed">
              {formatDateTimeVi(event.at)} · {event.actor}
            </Text>
            {event.reason && <Text size="sm">{event.reason}</Text>}
          </Timeline.Item>
        ))}
      </Timeline>
    </Stack>
  );
}
