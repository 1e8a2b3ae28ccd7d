import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { createDialogueSchema } from '../../../../core/dialogues/dialogue-schemas.ts';
import { formatDateVi } from '../../../../core/text/dates.ts';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { useFieldErrors } from '../../components/form.ts';
import { ListFooter } from '../../components/ListFooter.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { SortHeader } from '../../components/SortHeader.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { useT } from '../../i18n/locale.tsx';
import { hasPermission, useMe } from '../auth/session.ts';
import { UnitPicker } from '../units/UnitPicker.tsx';
import { type DialogueListItem, useCreateDialogue, useDialogues } from './api.ts';
import { DialogueBoard } from './DialogueBoard.tsx';
import { DIALOGUE_KINDS, kindOptions, YEARS } from './dialogue-words.ts';

const PER_PAGE = 20;

function TopicLink({ item }: { item: DialogueListItem }) {
  return (
    <Anchor
      fw={600}
      renderRoot={(props) => (
        <Link {...props} to="/dialogues/$dialogueId" params={{ dialogueId: String(item.id) }} />
      )}
    >
      {item.topic}
    </Anchor>
  );
}

function PublishedBadge({ published }: { published: boolean }) {
  const { t } = useT();
  return (
    <Badge color={published ? 'green' : 'gray'} variant="light">
      {published ? t('dialoguePublished') : t('dialogueDraft')}
    </Badge>
  );
}

/** Records a dialogue (its unit, kind, date, topic), then opens it to record the rest. */
function RecordDialog({ onClose }: { onClose: () => void }) {
  const { t, label } = useT();
  const { data: me } = useMe();
  const navigate = useNavigate();
  const own = (me?.grants ?? []).find((grant) => grant.unitId !== null);
  const [unitId, setUnitId] = useState<string | null>(own?.unitId ? String(own.unitId) : null);
  const [kind, setKind] = useState<string | null>('annual_conference');
  const [heldOn, setHeldOn] = useState('');
  const [topic, setTopic] = useState('');
  const { errors, formError, check, fail } = useFieldErrors();
  const create = useCreateDialogue();
  const submit = () => {
    const values = { unitId: unitId ? Number(unitId) : undefined, kind, heldOn, topic };
    if (!check(createDialogueSchema, values)) return;
    create.mutate(values, {
      onSuccess: (detail) =>
        navigate({ to: '/dialogues/$dialogueId', params: { dialogueId: String(detail.id) } }),
      onError: fail,
    });
  };
  return (
    <Modal opened onClose={onClose} title={t('dialogueRecord')} size="lg">
      <Stack>
        <UnitPicker
          label={t('dialogueUnit')}
          value={unitId}
          onChange={setUnitId}
          selectedLabel={own?.unitName ?? undefined}
          error={errors.unitId}
        />
        <Select
          label={t('dialogueKind')}
          data={kindOptions(label)}
          value={kind}
          onChange={setKind}
          allowDeselect={false}
          error={errors.kind}
          required
        />
        <TextInput
          label={t('dialogueHeldOn')}
          placeholder="dd/mm/yyyy"
          value={heldOn}
          onChange={(event) => setHeldOn(event.currentTarget.value)}
          error={errors.heldOn}
          required
        />
        <TextInput
          label={t('dialogueTopic')}
          value={topic}
          onChange={(event) => setTopic(event.currentTarget.value)}
          error={errors.topic}
          maxLength={500}
          required
        />
        {formError && (
          <Text c="red" role="alert">
            {formError}
          </Text>
        )}
        <DialogFooter
          onClose={onClose}
          onSubmit={submit}
          isBusy={create.isPending}
          label={t('dialogueRecord')}
        />
      </Stack>
    </Modal>
  );
}

function DialogueList() {
  const { t, label } = useT();
  const { data: me } = useMe();
  const isPhone = useIsPhone();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const [year, setYear] = useState<string | null>(null);
  const [sort, setSort] = useState('-heldOn');
  const [page, setPage] = useState(1);
  const [isRecording, setRecording] = useState(false);
  const { data, isPending } = useDialogues({
    q: debounced,
    sort,
    page,
    perPage: PER_PAGE,
    year: year ? Number(year) : null,
  });
  const changeSort = (next: string) => {
    setSort(next);
    setPage(1);
  };
  return (
    <Stack>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          style={{ flex: 1, minWidth: 220 }}
          aria-label={t('dialoguesSearch')}
          placeholder={t('dialoguesSearch')}
          value={q}
          onChange={(event) => {
            setQ(event.currentTarget.value);
            setPage(1);
          }}
        />
        <Select
          aria-label={t('dialoguesYear')}
          placeholder={t('dialoguesAllYears')}
          data={YEARS}
          value={year}
          onChange={(value) => {
            setYear(value);
            setPage(1);
          }}
          clearable
          w={150}
        />
        {isPhone && (
          <Select
            aria-label={t('dialoguesSortBy')}
            data={[
              { value: '-heldOn', label: `${t('dialogueHeldOn')} ▼` },
              { value: 'heldOn', label: `${t('dialogueHeldOn')} ▲` },
              { value: 'topic', label: `${t('dialogueTopic')} ▲` },
            ]}
            value={sort}
            onChange={(value) => changeSort(value ?? '-heldOn')}
            allowDeselect={false}
            w={170}
          />
        )}
        {hasPermission(me, 'feedback.handle') && (
          <Button aria-haspopup="dialog" onClick={() => setRecording(true)}>
            {t('dialogueRecord')}
          </Button>
        )}
      </Group>
      {isPhone ? (
        <Stack gap="xs" aria-label={t('dialoguesTabList')}>
          {data?.items.map((item) => (
            <Card key={item.id} withBorder padding="sm" data-dialogue={item.id}>
              <Stack gap={4}>
                <TopicLink item={item} />
                <Text size="sm">
                  {formatDateVi(item.heldOn)} · {item.unitName}
                </Text>
                <Text size="sm" c="dimmed">
                  {label(DIALOGUE_KINDS[item.kind])}
                </Text>
                <Group gap="xs">
                  <PublishedBadge published={item.published} />
                  <Text size="sm" c="dimmed">
                    {t('dialogueQuestionsCount')}: {item.questions} · {t('dialogueCommitmentsCount')}:{' '}
                    {item.commitments}
                  </Text>
                </Group>
              </Stack>
            </Card>
          ))}
        </Stack>
      ) : (
        <ScrollTable
          striped
          highlightOnHover
          withTableBorder
          aria-label={t('dialoguesTabList')}
          minWidth={900}
        >
          <Table.Thead>
            <Table.Tr>
              <SortHeader field="heldOn" sort={sort} onSort={changeSort}>
                {t('dialogueHeldOn')}
              </SortHeader>
              <SortHeader field="topic" sort={sort} onSort={changeSort}>
                {t('dialogueTopic')}
              </SortHeader>
              <Table.Th>{t('dialogueKind')}</Table.Th>
              <Table.Th>{t('dialogueUnit')}</Table.Th>
              <Table.Th>{t('dialogueQuestionsCount')}</Table.Th>
              <Table.Th>{t('dialogueCommitmentsCount')}</Table.Th>
              <Table.Th>{t('dialogueStatus')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data?.items.map((item) => (
              <Table.Tr key={item.id} data-dialogue={item.id}>
                <Table.Td>{formatDateVi(item.heldOn)}</Table.Td>
                <Table.Td>
                  <TopicLink item={item} />
                </Table.Td>
                <Table.Td>{label(DIALOGUE_KINDS[item.kind])}</Table.Td>
                <Table.Td>{item.unitName}</Table.Td>
                <Table.Td>{item.questions}</Table.Td>
                <Table.Td>{item.commitments}</Table.Td>
                <Table.Td>
                  <PublishedBadge published={item.published} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      {!isPending && data?.total === 0 && (
        <Text c="dimmed" ta="center">
          {debounced || year ? t('dialoguesNoneFound') : t('dialoguesNone')}
        </Text>
      )}
      <ListFooter total={data?.total ?? 0} page={page} perPage={PER_PAGE} onPage={setPage} />
      {isRecording && <RecordDialog onClose={() => setRecording(false)} />}
    </Stack>
  );
}

/** Dialogues with residents and businesses: the unit's list, and the yearly duty commune by commune. */
export function DialoguesPage() {
  const { t } = useT();
  const [tab, setTab] = useState<string | null>('list');
  return (
    <Stack>
      <Title order={2}>{t('dialoguesTitle')}</Title>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="list">{t('dialoguesTabList')}</Tabs.Tab>
          <Tabs.Tab value="board">{t('dialoguesTabBoard')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="list" pt="md">
          <DialogueList />
        </Tabs.Panel>
        <Tabs.Panel value="board" pt="md">
          <DialogueBoard />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
