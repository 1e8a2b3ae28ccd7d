import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import {
  ENTRY_KINDS,
  PRIVACY_CHOICES,
  SESSION_KINDS,
  SESSION_MODES,
} from '../../../../core/reception/labels.ts';
import { recordSessionSchema } from '../../../../core/reception/reception-schemas.ts';
import { formatDateVi, todayInVietnam } from '../../../../core/text/dates.ts';
import { notifySaved, useFieldErrors } from '../../components/form.ts';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import { type Entry, type SessionDetail, useSession, useSessionStep } from './api.ts';
import { EntryDialog } from './EntryDialog.tsx';
import { EntryActions, GroupState, NoticeState, PetitionState, ReferralState } from './EntryLine.tsx';
import { OnlineChecklist } from './OnlineChecklist.tsx';
import { PublishState, SessionStatusBadge } from './SchedulePanel.tsx';
import { SessionActions } from './SessionActions.tsx';

/** Recording a session held: visitors named in the register or counted only, a deputy if one received, the conclusion. */
function RecordForm({ session }: { session: SessionDetail }) {
  const { t, label } = useT();
  const step = useSessionStep(session.id);
  const { errors, formError, check, fail } = useFieldErrors();
  const [privacy, setPrivacy] = useState<string>(session.privacy);
  const [visitorCount, setCount] = useState<number | string>(session.visitorCount ?? '');
  const [delegatedTo, setDelegated] = useState(session.delegatedTo ?? '');
  const [conclusion, setConclusion] = useState(session.conclusion ?? '');
  useEffect(() => {
    setPrivacy(session.privacy);
  }, [session.privacy]);

  const submit = async () => {
    const input = check(recordSessionSchema, {
      version: session.version,
      privacy,
      visitorCount: privacy === 'counts' && visitorCount !== '' ? Number(visitorCount) : null,
      delegatedTo,
      conclusion,
    });
    if (!input) return;
    try {
      await step.mutateAsync({ type: 'record', ...input });
      notifySaved(t('receptionRecorded'));
    } catch (error) {
      fail(error);
    }
  };

  return (
    <Card withBorder component="section" aria-label={t('receptionRecord')}>
      <Stack>
        <Title order={3} size="h4">
          {t('receptionRecord')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('receptionRecordHelp')}
        </Text>
        <Group grow wrap="wrap" align="flex-start">
          <Select
            label={t('receptionPrivacy')}
            data={Object.entries(PRIVACY_CHOICES).map(([value, name]) => ({ value, label: label(name) }))}
            value={privacy}
            onChange={(value) => setPrivacy(value ?? 'names')}
            allowDeselect={false}
          />
          {privacy === 'counts' && (
            <NumberInput
              label={t('receptionVisitorCount')}
              min={0}
              required
              value={visitorCount}
              onChange={setCount}
              error={errors.visitorCount}
            />
          )}
        </Group>
        {session.delegationAllowed || session.delegatedTo ? (
          <TextInput
            label={t('receptionDelegatedTo')}
            value={delegatedTo}
            onChange={(event) => setDelegated(event.currentTarget.value)}
            error={errors.delegatedTo}
          />
        ) : (
          <Text size="sm" c="dimmed">
            {t('receptionNoDelegation')}
          </Text>
        )}
        <Textarea
          label={t('receptionConclusion')}
          autosize
          minRows={3}
          value={conclusion}
          onChange={(event) => setConclusion(event.currentTarget.value)}
          error={errors.conclusion}
        />
        {formError && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button onClick={submit} loading={step.isPending}>
            {t('receptionRecord')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** A reception session: what was published, its steps, recording it held, and the register lines it produced. */
export function SessionPage() {
  const { t, label } = useT();
  const isPhone = useIsPhone();
  const { sessionId } = useParams({ strict: false }) as { sessionId: string };
  const { data: session } = useSession(Number(sessionId));
  const [editing, setEditing] = useState<Entry | 'new' | null>(null);
  if (!session) return null;
  const canRecord =
    session.canHandle &&
    (session.status === 'planned' || session.status === 'held') &&
    session.on <= todayInVietnam();
  const canAdd = session.canHandle && session.privacy === 'names' && session.status !== 'cancelled';

  return (
    <Stack>
      <Anchor renderRoot={(props) => <Link {...props} to="/reception" />}>{t('receptionBack')}</Anchor>
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>
          {t('receptionSession')} {formatDateVi(session.on)}
        </Title>
        <SessionStatusBadge status={session.status} />
      </Group>
      <Card withBorder>
        <Stack gap={4}>
          <Text fw={600}>{session.unitName}</Text>
          <Text>
            {session.startTime}–{session.endTime} · {session.location}
          </Text>
          <Text>
            {t('receptionHost')}: {session.hostTitle}
            {session.hostName ? ` ${session.hostName}` : ''} · {label(SESSION_KINDS[session.kind])}
          </Text>
          <Text data-mode={session.mode}>
            {t('receptionMode')}: {label(SESSION_MODES[session.mode])}
            {session.onlineLink ? ` · ${session.onlineLink}` : ''}
          </Text>
          {session.topic && (
            <Text size="sm">
              {t('receptionTopic')}: {session.topic}
            </Text>
          )}
          {session.replaces && (
            <Text size="sm">{fill(t('receptionReplaces'), { day: formatDateVi(session.replaces.on) })}</Text>
          )}
          {session.replacedBy && (
            <Text size="sm">
              {fill(t('receptionReplacedBy'), { day: formatDateVi(session.replacedBy.on) })}
            </Text>
          )}
          {session.postponedReason && (
            <Text size="sm">
              {t('receptionReason')}: {session.postponedReason}
            </Text>
          )}
          <PublishState session={session} />
          {session.status === 'held' && (
            <Text size="sm">{fill(t('receptionVisitors'), { count: session.visitors })}</Text>
          )}
          {session.canHandle && <SessionActions session={session} />}
        </Stack>
      </Card>
      <OnlineChecklist session={session} />
      {canRecord && <RecordForm key={session.version} session={session} />}
      <Group justify="space-between" wrap="wrap">
        <Title order={3} size="h4">
          {t('receptionEntries')}
        </Title>
        {canAdd && (
          <Button aria-haspopup="dialog" onClick={() => setEditing('new')}>
            {t('receptionEntryAdd')}
          </Button>
        )}
      </Group>
      {isPhone ? (
        <Stack gap="xs">
          {session.entries.map((entry) => (
            <Card key={entry.id} withBorder padding="sm" data-entry={entry.number}>
              <Stack gap={4}>
                <Text fw={600}>
                  {entry.number} · {entry.citizenName}
                </Text>
                <Text size="sm">{label(ENTRY_KINDS[entry.kind])}</Text>
                <Text size="sm" lineClamp={3}>
                  {entry.content}
                </Text>
                <GroupState entry={entry} />
                <NoticeState entry={entry} />
                <ReferralState entry={entry} />
                <PetitionState entry={entry} />
                {session.canHandle && <EntryActions entry={entry} onEdit={() => setEditing(entry)} />}
              </Stack>
            </Card>
          ))}
        </Stack>
      ) : (
        session.entries.length > 0 && (
          <ScrollTable striped withTableBorder aria-label={t('receptionEntries')} minWidth={900}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('receptionNumber')}</Table.Th>
                <Table.Th>{t('receptionCitizen')}</Table.Th>
                <Table.Th>{t('receptionEntryKind')}</Table.Th>
                <Table.Th>{t('receptionContent')}</Table.Th>
                <Table.Th>{t('receptionNoticeDue')}</Table.Th>
                <Table.Th>{t('receptionPetitionOf')}</Table.Th>
                {session.canHandle && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {session.entries.map((entry) => (
                <Table.Tr key={entry.id} data-entry={entry.number}>
                  <Table.Td>{entry.number}</Table.Td>
                  <Table.Td>
                    {entry.citizenName}
                    <GroupState entry={entry} />
                  </Table.Td>
                  <Table.Td>{label(ENTRY_KINDS[entry.kind])}</Table.Td>
                  <Table.Td>{entry.content}</Table.Td>
                  <Table.Td>
                    <NoticeState entry={entry} />
                    <ReferralState entry={entry} />
                  </Table.Td>
                  <Table.Td>
                    <PetitionState entry={entry} />
                  </Table.Td>
                  {session.canHandle && (
                    <Table.Td>
                      <EntryActions entry={entry} onEdit={() => setEditing(entry)} />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
        )
      )}
      {editing && (
        <EntryDialog
          unitId={session.unitId}
          sessionId={session.id}
          day={session.on}
          entry={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}
