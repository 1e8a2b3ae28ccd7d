import { Alert, Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { SESSION_KINDS, SESSION_STATUSES, type SessionStatus } from '../../../../core/reception/labels.ts';
import type { FrequencyBucket } from '../../../../core/reception/schedule.ts';
import { addDays, formatDateVi, todayInVietnam } from '../../../../core/text/dates.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ListFooter } from '../../components/ListFooter.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import {
  type ReceptionSession,
  type Rule,
  useCheck,
  useDeleteRule,
  useGenerate,
  useRules,
  useSessions,
} from './api.ts';
import { RuleDialog } from './RuleDialog.tsx';
import { SessionActions } from './SessionActions.tsx';
import { SessionDialog } from './SessionDialog.tsx';

const PER_PAGE = 20;
const WEEKS_AHEAD = 8;
const COLOURS: Record<SessionStatus, string> = {
  planned: 'blue',
  held: 'green',
  postponed: 'yellow',
  cancelled: 'gray',
};

export function SessionStatusBadge({ status }: { status: SessionStatus }) {
  const { label } = useT();
  return (
    <Badge
      variant="light"
      color={COLOURS[status]}
      tt="none"
      style={{ flexShrink: 0, minWidth: 'max-content' }}
    >
      {label(SESSION_STATUSES[status])}
    </Badge>
  );
}

/** Whether and when the session was published, in words; a late one says by when it was due. */
export function PublishState({ session }: { session: ReceptionSession }) {
  const { t } = useT();
  if (session.status !== 'planned' && !session.publishedOn) return null;
  return (
    <Stack gap={0}>
      <Text size="sm" c={session.publishedOn ? undefined : 'dimmed'}>
        {session.publishedOn
          ? fill(t('receptionPublished'), { day: formatDateVi(session.publishedOn) })
          : fill(t('receptionNotPublished'), { day: formatDateVi(session.publishBy) })}
      </Text>
      {session.publishLate && (
        <Text size="sm" c="orange.8" data-late>
          {fill(t('receptionPublishLate'), { day: formatDateVi(session.publishBy) })}
        </Text>
      )}
    </Stack>
  );
}

function periodName(bucket: FrequencyBucket, t: ReturnType<typeof useT>['t']) {
  return bucket.per === 'week'
    ? fill(t('receptionWeekOf'), { from: formatDateVi(bucket.from), to: formatDateVi(bucket.to) })
    : fill(t('receptionMonthOf'), { month: formatDateVi(bucket.from).slice(3) });
}

function DayLink({ session }: { session: ReceptionSession }) {
  return (
    <Anchor
      fw={600}
      renderRoot={(props) => (
        <Link {...props} to="/reception/sessions/$sessionId" params={{ sessionId: String(session.id) }} />
      )}
    >
      {formatDateVi(session.on)}
    </Anchor>
  );
}

/** The unit's schedule: its standing days (edit, plan the coming weeks), the sessions, the legal-minimum warnings. */
export function SchedulePanel({ unitId, canHandle }: { unitId: number; canHandle: boolean }) {
  const { t, label, locale } = useT();
  const isPhone = useIsPhone();
  const today = todayInVietnam();
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const [addingSession, setAddingSession] = useState(false);
  const { data: rules } = useRules(unitId);
  const generate = useGenerate();
  const removeRule = useDeleteRule();
  const [removing, setRemoving] = useState<Rule | null>(null);
  const { data: sessions, isPending } = useSessions({
    unitId,
    from: addDays(today, -30),
    page,
    perPage: PER_PAGE,
  });
  // The weeks planned ahead, less the last (a partial week would be judged on days not planned yet).
  const { data: check } = useCheck({ unitId, from: today, to: addDays(today, (WEEKS_AHEAD - 1) * 7 - 1) });
  const short = (check?.buckets ?? []).filter((bucket) => bucket.short);

  const plan = async (rule: Rule) => {
    try {
      const result = await generate.mutateAsync({ ruleId: rule.id, weeks: WEEKS_AHEAD });
      notifications.show({ color: 'green', message: fill(t('receptionGenerated'), result) });
    } catch (error) {
      notifications.show({ color: 'red', message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <Stack>
      <ConfirmDialog
        opened={removing !== null}
        title={t('receptionRuleDelete')}
        confirmLabel={t('receptionRuleDelete')}
        danger
        isBusy={removeRule.isPending}
        error={removeRule.error instanceof Error ? removeRule.error.message : null}
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          if (!removing) return;
          try {
            const result = await removeRule.mutateAsync({ ruleId: removing.id, version: removing.version });
            notifications.show({
              color: 'green',
              message: fill(t('receptionRuleDeleted'), { sessionsRemoved: result.sessionsRemoved }),
            });
            setRemoving(null);
          } catch {
            // The refusal stays in the dialog: a rule with a published or held day is ended, not deleted.
          }
        }}
      >
        {removing && (
          <Text>
            {fill(t('receptionRuleDeleteWhat'), {
              rule: `${label(removing.pattern)} · ${removing.startTime}–${removing.endTime}`,
            })}
          </Text>
        )}
      </ConfirmDialog>
      <Card withBorder component="section" aria-label={t('receptionRules')}>
        <Group justify="space-between" mb="sm" wrap="wrap">
          <Title order={3} size="h4">
            {t('receptionRules')}
          </Title>
          {canHandle && (
            <Button aria-haspopup="dialog" onClick={() => setEditing('new')}>
              {t('receptionRuleAdd')}
            </Button>
          )}
        </Group>
        {rules?.length === 0 && <Text c="dimmed">{t('receptionRuleNone')}</Text>}
        <Stack gap="sm">
          {rules?.map((rule) => (
            <Group key={rule.id} justify="space-between" wrap="wrap" data-rule={rule.id}>
              <Stack gap={0}>
                <Text fw={600}>
                  {label(rule.pattern)} · {rule.startTime}–{rule.endTime}
                </Text>
                <Text size="sm">
                  {rule.hostTitle}
                  {rule.hostName ? ` ${rule.hostName}` : ''} · {rule.location}
                </Text>
                <Text size="sm" c="dimmed">
                  {t('receptionValidFrom')} {formatDateVi(rule.validFrom)}
                  {rule.validTo ? ` – ${formatDateVi(rule.validTo)}` : ''}
                </Text>
              </Stack>
              {canHandle && (
                <Group gap="xs">
                  <Button size="xs" variant="default" aria-haspopup="dialog" onClick={() => setEditing(rule)}>
                    {t('edit')}
                  </Button>
                  <Button size="xs" onClick={() => plan(rule)} loading={generate.isPending}>
                    {t('receptionGenerate')}
                  </Button>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    aria-haspopup="dialog"
                    onClick={() => {
                      removeRule.reset();
                      setRemoving(rule);
                    }}
                  >
                    {t('receptionRuleDelete')}
                  </Button>
                </Group>
              )}
            </Group>
          ))}
        </Stack>
      </Card>
      {rules && rules.length > 0 && short.length > 0 && (
        <Alert color="orange" role="status" data-frequency="short">
          {fill(t('receptionShortWeeks'), {
            basis: (locale === 'en' ? short[0]?.basisEn : short[0]?.basis) ?? '',
            periods: short.map((bucket) => periodName(bucket, t)).join('; '),
          })}
        </Alert>
      )}
      {rules && rules.length > 0 && check && short.length === 0 && (
        <Alert color="green" data-frequency="ok">
          {t('receptionFrequencyOk')}
        </Alert>
      )}
      <Group justify="space-between" wrap="wrap">
        <Title order={3} size="h4">
          {t('receptionUpcoming')}
        </Title>
        {canHandle && (
          // The day's host and place start from the unit's rule: offered once the rules have loaded.
          <Button
            variant="default"
            aria-haspopup="dialog"
            loading={rules === undefined}
            onClick={() => setAddingSession(true)}
          >
            {t('receptionAdHoc')}
          </Button>
        )}
      </Group>
      {isPhone ? (
        <Stack gap="xs" aria-label={t('receptionUpcoming')}>
          {sessions?.items.map((session) => (
            <Card key={session.id} withBorder padding="sm" data-session={session.on}>
              <Stack gap={4}>
                <Group justify="space-between" wrap="nowrap">
                  <DayLink session={session} />
                  <SessionStatusBadge status={session.status} />
                </Group>
                <Text size="sm">
                  {session.startTime}–{session.endTime} · {session.hostTitle} ·{' '}
                  {label(SESSION_KINDS[session.kind])}
                </Text>
                <PublishState session={session} />
                {canHandle && <SessionActions session={session} />}
              </Stack>
            </Card>
          ))}
        </Stack>
      ) : (
        <ScrollTable striped withTableBorder aria-label={t('receptionUpcoming')} minWidth={900}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('receptionDay')}</Table.Th>
              <Table.Th>{t('receptionTime')}</Table.Th>
              <Table.Th>{t('receptionHost')}</Table.Th>
              <Table.Th>{t('receptionKind')}</Table.Th>
              <Table.Th>{t('receptionStatus')}</Table.Th>
              <Table.Th>{t('receptionPublish')}</Table.Th>
              {canHandle && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sessions?.items.map((session) => (
              <Table.Tr key={session.id} data-session={session.on}>
                <Table.Td>
                  <DayLink session={session} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {session.startTime}–{session.endTime}
                </Table.Td>
                <Table.Td>
                  {session.hostTitle}
                  {session.delegatedTo ? ` (${session.delegatedTo})` : ''}
                </Table.Td>
                <Table.Td>{label(SESSION_KINDS[session.kind])}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <SessionStatusBadge status={session.status} />
                </Table.Td>
                <Table.Td>
                  <PublishState session={session} />
                </Table.Td>
                {canHandle && (
                  <Table.Td>
                    <SessionActions session={session} />
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      {!isPending && sessions?.total === 0 && (
        <Text c="dimmed" ta="center">
          {t('receptionNoSessions')}
        </Text>
      )}
      <ListFooter total={sessions?.total ?? 0} page={page} perPage={PER_PAGE} onPage={setPage} />
      {editing && (
        <RuleDialog
          unitId={unitId}
          rule={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
      {addingSession && (
        <SessionDialog unitId={unitId} rule={rules?.[0] ?? null} onClose={() => setAddingSession(false)} />
      )}
    </Stack>
  );
}
