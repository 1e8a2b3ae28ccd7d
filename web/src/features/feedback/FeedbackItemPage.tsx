import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { FEEDBACK_CHANNELS } from '../../../../core/feedback/feedback-schemas.ts';
import { FEEDBACK_KINDS } from '../../../../core/feedback/kinds.ts';
import type { FeedbackStatus } from '../../../../core/feedback/workflow.ts';
import { formatDateVi, todayInVietnam } from '../../../../core/text/dates.ts';
import { ApiError } from '../../api/client.ts';
import { SignatureBadge } from '../../components/SignatureBadge.tsx';
import { useIsBelow } from '../../components/useIsPhone.ts';
import { fill } from '../../i18n/fill.ts';
import { formatDateTimeVi, formatNumber, useT } from '../../i18n/locale.tsx';
import type { MessageKey } from '../../i18n/messages.ts';

const CLOCK_LABELS: Record<FeedbackDetail['clocks'][number]['step'], MessageKey> = {
  forward: 'feedbackClockForward',
  acknowledge: 'feedbackClockAcknowledge',
  publish: 'feedbackClockPublish',
};

import { type FeedbackDetail, type FeedbackEvent, useAddFeedbackNote, useFeedbackItem } from './api.ts';
import { FeedbackActions } from './FeedbackActions.tsx';
import { FeedbackStatusBadge } from './FeedbackStatus.tsx';
import { eventName, eventNote, RATING_NAMES } from './feedback-words.ts';

const VISIBILITY: Record<FeedbackEvent['visibility'], { label: MessageKey; color: string }> = {
  public: { label: 'feedbackVisibilityPublic', color: 'green' },
  citizen: { label: 'feedbackVisibilityCitizen', color: 'blue' },
  internal: { label: 'feedbackVisibilityInternal', color: 'gray' },
};

function Row({ label, children }: { label: MessageKey; children: React.ReactNode }) {
  const { t } = useT();
  return (
    <Table.Tr>
      <Table.Th w="40%" fw={500} c="dimmed">
        {t(label)}
      </Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

const OPEN: FeedbackStatus[] = ['received', 'accepted', 'needs_info', 'in_progress'];

const kilobytes = (size: number) => `${formatNumber(Math.max(1, Math.round(size / 1024)))} KB`;

/** The facts of the item: kind, category, commune, channel, dates, the unit handling it. */
function Facts({ item }: { item: FeedbackDetail }) {
  const { t, label } = useT();
  return (
    <Card withBorder>
      <Table withRowBorders={false} verticalSpacing={4}>
        <Table.Tbody>
          <Row label="feedbackCategory">{item.categoryName ? label(item.categoryName) : '—'}</Row>
          <Row label="feedbackKind">{label(FEEDBACK_KINDS[item.kind])}</Row>
          <Row label="feedbackCommune">{item.communeName}</Row>
          {(item.placeText || item.lat !== null) && (
            <Row label="feedbackPlace">
              {item.placeText}
              {item.lat !== null && item.lng !== null && (
                <>
                  {item.placeText ? ' · ' : ''}
                  <Anchor
                    href={`https://www.openstreetmap.org/?mlat=${item.lat}&mlon=${item.lng}#map=18/${item.lat}/${item.lng}`}
                    target="_blank"
                    rel="noopener noreferrer"
                  >
                    {t('feedbackOnMap')}
                  </Anchor>
                </>
              )}
            </Row>
          )}
          <Row label="feedbackHandlingUnit">{item.handlingUnitName}</Row>
          <Row label="feedbackChannel">{label(FEEDBACK_CHANNELS[item.channel])}</Row>
          <Row label="feedbackReceived">{formatDateVi(item.receivedOn)}</Row>
          <Row label="feedbackDue">{formatDateVi(item.dueOn)}</Row>
          {item.clocks.map((clock) => (
            <Row key={clock.step} label={CLOCK_LABELS[clock.step]}>
              {formatDateVi(clock.dueOn)}
              {clock.source !== 'law' && (
                <Text span size="xs" c="dimmed">
                  {' '}
                  ({t('feedbackClockSetByProvince')})
                </Text>
              )}
            </Row>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** Who sent it and how to reach them: staff only, marked private. */
function Contact({ item }: { item: FeedbackDetail }) {
  const { t } = useT();
  const none = !item.citizenName && !item.contactPhone && !item.contactEmail && !item.contactAddress;
  return (
    <Card withBorder component="section" aria-label={t('feedbackContact')}>
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4">
          {t('feedbackContact')}
        </Title>
      </Group>
      <Text size="xs" fw={600} c="orange.8" mb="xs">
        {t('feedbackContactPrivate')}
      </Text>
      {none ? (
        <Text size="sm" c="dimmed">
          {t('feedbackNoContact')}
        </Text>
      ) : (
        <Table withRowBorders={false} verticalSpacing={4}>
          <Table.Tbody>
            {item.citizenName && (
              <Row label="feedbackSenderName">
                {item.citizenName}
                <Text size="xs" c="dimmed">
                  {item.publishName ? t('feedbackNamePublished') : t('feedbackNameHidden')}
                </Text>
              </Row>
            )}
            {item.contactPhone && <Row label="feedbackPhone">{item.contactPhone}</Row>}
            {item.contactEmail && <Row label="feedbackEmail">{item.contactEmail}</Row>}
            {item.contactAddress && <Row label="feedbackAddress">{item.contactAddress}</Row>}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

/** Every step with its date, unit, who took it and who may see it; internal notes apart. */
function History({ item }: { item: FeedbackDetail }) {
  const { t, locale } = useT();
  const steps = item.events.filter((event) => event.action !== 'note');
  return (
    <Card withBorder component="section" aria-label={t('feedbackHistory')}>
      <Title order={3} size="h4" mb="sm">
        {t('feedbackHistory')}
      </Title>
      <Timeline bulletSize={14} lineWidth={2} active={steps.length - 1}>
        {steps.map((event) => {
          const visibility = VISIBILITY[event.visibility];
          const unit =
            event.action === 'forward'
              ? `${event.fromUnitName ?? ''} → ${event.toUnitName ?? ''}`
              : (event.toUnitName ?? event.fromUnitName);
          const note = eventNote(event.action, event.note, locale);
          return (
            <Timeline.Item
              key={event.id}
              data-event={event.action}
              title={
                <Group gap="xs" wrap="wrap">
                  <Text fw={600} size="sm">
                    {eventName(event.action)[locale]}
                  </Text>
                  <Badge size="xs" variant="light" color={visibility.color} tt="none">
                    {t(visibility.label)}
                  </Badge>
                </Group>
              }
            >
              <Text size="xs" c="dimmed">
                {formatDateTimeVi(event.at)} ·{' '}
                {event.actorName === 'citizen' ? t('feedbackSender') : event.actorName}
                {unit ? ` · ${unit}` : ''}
              </Text>
              {note && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {note}
                </Text>
              )}
              {event.dueOn && (
                <Text size="sm" fw={500}>
                  {fill(t('feedbackNewDue'), { date: formatDateVi(event.dueOn) })}
                </Text>
              )}
            </Timeline.Item>
          );
        })}
      </Timeline>
    </Card>
  );
}

function Notes({ item }: { item: FeedbackDetail }) {
  const { t } = useT();
  const add = useAddFeedbackNote(item.id);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const notes = item.events.filter((event) => event.action === 'note');
  const save = async () => {
    setError(null);
    try {
      await add.mutateAsync(note);
      setNote('');
    } catch (caught) {
      setError(caught instanceof ApiError ? (caught.fields[0]?.message ?? caught.message) : String(caught));
    }
  };
  return (
    <Card withBorder component="section" aria-label={t('feedbackNotes')}>
      <Title order={3} size="h4">
        {t('feedbackNotes')}
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('feedbackNotesHelp')}
      </Text>
      <Stack gap="xs">
        {notes.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('feedbackNoNotes')}
          </Text>
        )}
        {notes.map((event) => (
          <div key={event.id}>
            <Text size="xs" c="dimmed">
              {formatDateTimeVi(event.at)} · {event.actorName}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {event.note}
            </Text>
          </div>
        ))}
        {item.canHandle && (
          <>
            <Textarea
              label={t('feedbackNoteLabel')}
              autosize
              minRows={2}
              maxLength={4000}
              value={note}
              onChange={(event) => setNote(event.currentTarget.value)}
              error={error}
            />
            <Group justify="flex-end">
              <Button size="xs" onClick={() => void save()} loading={add.isPending} disabled={!note.trim()}>
                {t('feedbackAddNote')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Card>
  );
}

/** The citizen's text and files, the answer and outcome, what was decided instead of an answer. */
function Body({ item }: { item: FeedbackDetail }) {
  const { t, locale } = useT();
  return (
    <Card withBorder component="section" aria-label={t('feedbackText')}>
      <Text size="sm" c="dimmed">
        {t('feedbackText')}
      </Text>
      <Text style={{ whiteSpace: 'pre-wrap' }} mb="sm">
        {item.text}
      </Text>
      <Text size="sm" c="dimmed">
        {t('feedbackFiles')}
      </Text>
      {item.files.length === 0 ? (
        <Text size="sm">{t('feedbackNoFiles')}</Text>
      ) : (
        <Stack gap={2}>
          {item.files.map((file) => (
            <Group key={file.id} gap={6}>
              <Anchor href={`/api/feedback/${item.id}/files/${file.id}`} target="_blank" size="sm">
                {file.fileName} ({kilobytes(file.size)})
              </Anchor>
              <SignatureBadge signature={file.signature} fileName={file.fileName} />
            </Group>
          ))}
        </Stack>
      )}
      {item.answer && (
        <Stack gap={2} mt="sm">
          <Text size="sm" c="dimmed">
            {t('feedbackAnswer')} · {formatDateVi(item.answeredOn)}
          </Text>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{item.answer}</Text>
        </Stack>
      )}
      {item.outcomeReason && item.outcome !== 'spam' && (
        <Text size="sm" mt="xs">
          {t('feedbackOutcomeReason')}: {item.outcomeReason}
        </Text>
      )}
      {item.forwardedTo && (
        <Text size="sm" mt="xs">
          {t('feedbackForwardedTo')}: {item.forwardedTo}
        </Text>
      )}
      {item.duplicateOfCode && (
        <Text size="sm" mt="xs">
          {t('feedbackDuplicateOf')}: {item.duplicateOfCode}
        </Text>
      )}
      {item.rating && (
        <Text size="sm" mt="xs">
          {t('feedbackRating')}: {RATING_NAMES[item.rating]?.[locale]}
        </Text>
      )}
    </Card>
  );
}

/** One item as staff handle it: text and files, contact (private), the history, notes and the actions allowed now. */
export function FeedbackItemPage() {
  const { t } = useT();
  const { feedbackId } = useParams({ strict: false }) as { feedbackId: string };
  const id = Number(feedbackId);
  const { data: item, error, refetch } = useFeedbackItem(id);
  const [isStale, setStale] = useState(false);
  const isPhone = useIsBelow('md');
  if (error) return <Alert color="red">{error.message}</Alert>;
  if (!item) return <Loader aria-label={t('loading')} />;
  const actions = item.canHandle && (
    <FeedbackActions
      item={item}
      onStale={() => {
        setStale(true);
        void refetch();
      }}
    />
  );
  return (
    <Stack>
      <Anchor component={Link} to="/feedback" size="sm">
        ← {t('feedbackBack')}
      </Anchor>
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>{item.code}</Title>
        <FeedbackStatusBadge
          status={item.status}
          outcome={item.outcome}
          isOverdue={OPEN.includes(item.status) && item.dueOn < todayInVietnam()}
        />
      </Group>
      {isStale && (
        <Alert color="orange" role="alert" withCloseButton onClose={() => setStale(false)}>
          {t('feedbackStale')}
        </Alert>
      )}
      {isPhone ? (
        // On a phone the actions come right after the text, the history below the facts.
        <Stack>
          <Body item={item} />
          {actions}
          <Facts item={item} />
          <Contact item={item} />
          <History item={item} />
          <Notes item={item} />
        </Stack>
      ) : (
        <Grid>
          <Grid.Col span={7}>
            <Stack>
              <Body item={item} />
              <History item={item} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={5}>
            <Stack>
              {actions}
              <Facts item={item} />
              <Contact item={item} />
              <Notes item={item} />
            </Stack>
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}
