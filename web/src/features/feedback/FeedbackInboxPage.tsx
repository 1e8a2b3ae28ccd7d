import {
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Link, useSearch } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { FEEDBACK_INBOX_FILTERS } from '../../../../core/feedback/feedback-schemas.ts';
import { formatDateVi } from '../../../../core/text/dates.ts';
import { queryString } from '../../api/client.ts';
import { ListFooter } from '../../components/ListFooter.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { SortHeader } from '../../components/SortHeader.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { fill } from '../../i18n/fill.ts';
import { formatNumber, useT } from '../../i18n/locale.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { hasPermission, useMe } from '../auth/session.ts';
import {
  type InboxFilter,
  type InboxItem,
  useFeedbackCount,
  useFeedbackInbox,
  useRoutingForm,
} from './api.ts';
import { BulkActions } from './BulkActions.tsx';
import { EnterFeedbackDialog } from './EnterFeedbackDialog.tsx';
import { FeedbackKpis } from './FeedbackKpis.tsx';
import { FeedbackStatusBadge } from './FeedbackStatus.tsx';

const PER_PAGE = 20;
const FILTERS: { value: InboxFilter; label: MessageKey }[] = [
  { value: 'new', label: 'feedbackFilterNew' },
  { value: 'due_soon', label: 'feedbackFilterDueSoon' },
  { value: 'overdue', label: 'feedbackFilterOverdue' },
  { value: 'all', label: 'feedbackFilterAll' },
];
const SORTS: { value: string; label: MessageKey; arrow: string }[] = [
  { value: '-receivedOn', label: 'feedbackReceived', arrow: '▼' },
  { value: 'receivedOn', label: 'feedbackReceived', arrow: '▲' },
  { value: 'dueOn', label: 'feedbackDue', arrow: '▲' },
  { value: '-dueOn', label: 'feedbackDue', arrow: '▼' },
];

function FilterTab({ filter, label }: { filter: InboxFilter; label: MessageKey }) {
  const { t } = useT();
  const { data: count } = useFeedbackCount(filter);
  return (
    <Tabs.Tab
      value={filter}
      rightSection={
        count !== undefined && (
          <Badge size="sm" variant="light" color={filter === 'overdue' && count > 0 ? 'red' : 'gray'}>
            {formatNumber(count)}
          </Badge>
        )
      }
    >
      {t(label)}
    </Tabs.Tab>
  );
}

function CodeLink({ item }: { item: InboxItem }) {
  return (
    <Anchor
      fw={600}
      renderRoot={(props) => (
        <Link {...props} to="/feedback/$feedbackId" params={{ feedbackId: String(item.id) }} />
      )}
    >
      {item.code}
    </Anchor>
  );
}

/** On a phone each item is a card: nothing to scroll sideways. */
function ItemCard({ item, choice }: { item: InboxItem; choice: ReactNode }) {
  const { t } = useT();
  return (
    <Card withBorder padding="sm" data-feedback={item.code}>
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap">
          <CodeLink item={item} />
          {choice}
        </Group>
        <FeedbackStatusBadge status={item.status} outcome={item.outcome} isOverdue={item.isOverdue} />
        <Text size="sm">
          {item.categoryName} · {item.communeName}
        </Text>
        <Text size="sm" c="dimmed">
          {t('feedbackReceived')} {formatDateVi(item.receivedOn)} · {t('feedbackDue')}{' '}
          {formatDateVi(item.dueOn)}
        </Text>
        <Text size="sm" lineClamp={2}>
          {item.excerpt}
        </Text>
      </Stack>
    </Card>
  );
}

/** The unit's inbox of citizens' feedback: new, due soon, overdue, all; search, sort, pages; the figures above. */
export function FeedbackInboxPage() {
  const { t } = useT();
  const { data: me } = useMe();
  const isPhone = useIsPhone();
  // A link may open a tab ("?filter=overdue" from the leader's overview).
  const search = useSearch({ strict: false }) as Record<string, unknown>;
  const [filter, setFilter] = useState<InboxFilter>(
    (FEEDBACK_INBOX_FILTERS as readonly string[]).includes(String(search.filter))
      ? (search.filter as InboxFilter)
      : 'all',
  );
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const [sort, setSort] = useState('-receivedOn');
  const [page, setPage] = useState(1);
  const [isEntering, setEntering] = useState(false);
  // Only those who may change the province's settings (installation-wide) are offered them.
  const settings = useRoutingForm(hasPermission(me, 'feedback.manage'));
  const { data, isPending } = useFeedbackInbox({ filter, q: debounced, sort, page, perPage: PER_PAGE });
  // The items chosen for a step taken at once: only those of the page in view count.
  const [chosenIds, setChosenIds] = useState<ReadonlySet<number>>(new Set());
  const canHandle = hasPermission(me, 'feedback.handle');
  const pageItems = data?.items ?? [];
  const chosen = pageItems.filter((item) => chosenIds.has(item.id));
  const toggle = (id: number) => {
    const next = new Set(chosenIds);
    if (!next.delete(id)) next.add(id);
    setChosenIds(next);
  };
  const choice = (item: InboxItem) =>
    canHandle ? (
      <Checkbox
        aria-label={fill(t('feedbackBulkChoose'), { code: item.code })}
        checked={chosenIds.has(item.id)}
        onChange={() => toggle(item.id)}
      />
    ) : null;
  const everyChosen = pageItems.length > 0 && chosen.length === pageItems.length;
  const changeSort = (next: string) => {
    setSort(next);
    setPage(1);
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('feedbackInbox')}</Title>
        <Group gap="xs">
          {settings.data && (
            <Button component={Link} to="/feedback/settings" variant="default">
              {t('feedbackSettings')}
            </Button>
          )}
          {/* Every item of the chosen tab and search, not only this page. */}
          <Button
            component="a"
            variant="default"
            href={`/api/feedback/export.xlsx${queryString({ filter, q: debounced, sort })}`}
            download
          >
            {t('downloadXlsx')}
          </Button>
          {hasPermission(me, 'feedback.handle') && (
            <Button aria-haspopup="dialog" onClick={() => setEntering(true)}>
              {t('feedbackEnter')}
            </Button>
          )}
        </Group>
      </Group>
      <FeedbackKpis />
      <Tabs
        value={filter}
        onChange={(value) => {
          setFilter((value as InboxFilter | null) ?? 'all');
          setPage(1);
        }}
      >
        <Tabs.List>
          {FILTERS.map((item) => (
            <FilterTab key={item.value} filter={item.value} label={item.label} />
          ))}
        </Tabs.List>
      </Tabs>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          style={{ flex: 1, minWidth: 220 }}
          aria-label={t('feedbackSearch')}
          placeholder={t('feedbackSearch')}
          value={q}
          onChange={(event) => {
            setQ(event.currentTarget.value);
            setPage(1);
          }}
        />
        {isPhone && (
          <Select
            aria-label={t('feedbackSortBy')}
            data={SORTS.map((option) => ({
              value: option.value,
              label: `${t(option.label)} ${option.arrow}`,
            }))}
            value={sort}
            onChange={(value) => changeSort(value ?? '-receivedOn')}
            allowDeselect={false}
            w={170}
          />
        )}
      </Group>
      {canHandle && <BulkActions chosen={chosen} onDone={() => setChosenIds(new Set())} />}
      {isPhone ? (
        <Stack gap="xs" aria-label={t('feedbackInbox')}>
          {data?.items.map((item) => (
            <ItemCard key={item.id} item={item} choice={choice(item)} />
          ))}
        </Stack>
      ) : (
        <ScrollTable striped highlightOnHover withTableBorder aria-label={t('feedbackInbox')} minWidth={900}>
          <Table.Thead>
            <Table.Tr>
              {canHandle && (
                <Table.Th w={40}>
                  <Checkbox
                    aria-label={t('feedbackBulkChoosePage')}
                    checked={everyChosen}
                    indeterminate={chosen.length > 0 && !everyChosen}
                    onChange={() =>
                      setChosenIds(everyChosen ? new Set() : new Set(pageItems.map((item) => item.id)))
                    }
                  />
                </Table.Th>
              )}
              <Table.Th>{t('feedbackCode')}</Table.Th>
              <Table.Th>{t('feedbackCategory')}</Table.Th>
              <Table.Th>{t('feedbackCommune')}</Table.Th>
              <SortHeader field="receivedOn" sort={sort} onSort={changeSort}>
                {t('feedbackReceived')}
              </SortHeader>
              <SortHeader field="dueOn" sort={sort} onSort={changeSort}>
                {t('feedbackDue')}
              </SortHeader>
              <Table.Th>{t('feedbackStatus')}</Table.Th>
              <Table.Th>{t('feedbackHandlingUnit')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data?.items.map((item) => (
              <Table.Tr key={item.id} data-feedback={item.code}>
                {canHandle && <Table.Td>{choice(item)}</Table.Td>}
                <Table.Td>
                  <CodeLink item={item} />
                </Table.Td>
                <Table.Td>{item.categoryName}</Table.Td>
                <Table.Td>{item.communeName}</Table.Td>
                <Table.Td>{formatDateVi(item.receivedOn)}</Table.Td>
                <Table.Td c={item.isOverdue ? 'red' : undefined}>{formatDateVi(item.dueOn)}</Table.Td>
                <Table.Td>
                  <FeedbackStatusBadge
                    status={item.status}
                    outcome={item.outcome}
                    isOverdue={item.isOverdue}
                  />
                </Table.Td>
                <Table.Td>{item.handlingUnitName}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      {!isPending && data?.total === 0 && (
        <Text c="dimmed" ta="center">
          {debounced ? t('feedbackNoneFound') : t('feedbackNone')}
        </Text>
      )}
      <ListFooter total={data?.total ?? 0} page={page} perPage={PER_PAGE} onPage={setPage} />
      {isEntering && <EnterFeedbackDialog onClose={() => setEntering(false)} />}
    </Stack>
  );
}
