import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { PERMISSIONS, type Role } from '../../../../core/auth/roles.ts';
import { REGISTER_STATUS_CODES, REGISTER_STATUSES, typeName } from '../../../../core/documents/register.ts';
import { DOCUMENT_TYPES } from '../../../../core/plans/document-number.ts';
import { formatDateVi, todayInVietnam } from '../../../../core/text/dates.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { notifySaved } from '../../components/form.ts';
import { ListFooter } from '../../components/ListFooter.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { SortHeader } from '../../components/SortHeader.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import { hasPermission, useMe } from '../auth/session.ts';
import { type IssuedDocument, registerQueryString, useRegister, useVoidNumber } from './api.ts';
import { TakeNumberDialog } from './TakeNumberDialog.tsx';

const PER_PAGE = 20;
const KEEPS_REGISTER = PERMISSIONS['documents.register'] as readonly Role[];

function StatusBadge({ document }: { document: IssuedDocument }) {
  const { label } = useT();
  const colour = document.status === 'void' ? 'red' : document.status === 'numbered' ? 'blue' : 'green';
  return (
    <Badge color={colour} variant="light">
      {label(REGISTER_STATUSES[document.status])}
    </Badge>
  );
}

/**
 * "Sổ văn bản đi": every number the user's units gave (search without diacritics, filters year, type,
 * status and unit, pages, sort), "Lấy số", voiding a number with a reason (it is never given again),
 * the selection as .xlsx. A phone reads each document as a card.
 */
export function RegisterPage() {
  const { t, label, locale } = useT();
  const isPhone = useIsPhone();
  const { data: me } = useMe();
  const thisYear = Number(todayInVietnam().slice(0, 4));
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const [year, setYear] = useState<string | null>(String(thisYear));
  const [type, setType] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [unit, setUnit] = useState<string | null>(null);
  const [sort, setSort] = useState('-number');
  const [page, setPage] = useState(1);
  const [taking, setTaking] = useState(false);
  const [voiding, setVoiding] = useState<IssuedDocument | null>(null);
  const voidNumber = useVoidNumber();
  const filters = {
    q: debounced,
    sort,
    year: year === null ? undefined : Number(year),
    type: type ?? undefined,
    status: status ?? undefined,
    unitId: unit === null ? undefined : Number(unit),
  };
  const { data, isPending } = useRegister({ ...filters, page, perPage: PER_PAGE });
  const units = new Map<string, string>();
  for (const grant of me?.grants ?? [])
    if (grant.unitId !== null && KEEPS_REGISTER.includes(grant.role as Role))
      units.set(String(grant.unitId), grant.unitName ?? '');
  for (const item of data?.items ?? []) units.set(String(item.unitId), item.unitName);
  const unitOptions = [...units.entries()].map(([value, name]) => ({ value, label: name }));
  const filtered =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPage(1);
    };
  const changeSort = filtered(setSort);

  const confirmVoid = async (reason: string | null) => {
    if (!voiding || !reason) return;
    try {
      const voided = await voidNumber.mutateAsync({ id: voiding.id, reason });
      notifySaved(fill(t('registerVoided'), { number: voided.number }));
      setVoiding(null);
    } catch {
      // The refusal is shown in the dialog (`error`), which stays open.
    }
  };

  const voidButton = (document: IssuedDocument) =>
    document.canVoid && (
      <Button size="xs" variant="subtle" color="red" onClick={() => setVoiding(document)}>
        {t('registerVoid')}
      </Button>
    );
  const voidedBecause = (document: IssuedDocument) =>
    document.voidReason && (
      <Text size="xs" c="dimmed">
        {fill(t('registerVoidedBecause'), { reason: document.voidReason })}
      </Text>
    );

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>{t('outgoingRegister')}</Title>
        {/* Only those who keep a register take numbers and export it (a link typed by anyone else shows the list's refusal). */}
        {hasPermission(me, 'documents.register') && (
          <Group gap="sm" wrap="wrap">
            <Button
              component="a"
              variant="default"
              href={`/api/documents/register/export.xlsx${registerQueryString(filters)}`}
              download
            >
              {t('downloadXlsx')}
            </Button>
            <Button aria-haspopup="dialog" onClick={() => setTaking(true)}>
              {t('registerTake')}
            </Button>
          </Group>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {t('registerHelp')}
      </Text>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          style={{ flex: 1, minWidth: 220 }}
          aria-label={t('registerSearch')}
          placeholder={t('registerSearch')}
          value={q}
          onChange={(event) => filtered(setQ)(event.currentTarget.value)}
        />
        <Select
          aria-label={t('registerYear')}
          placeholder={t('registerAllYears')}
          data={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map(String)}
          value={year}
          onChange={filtered(setYear)}
          clearable
          w={120}
        />
        <Select
          aria-label={t('registerType')}
          placeholder={t('registerAllTypes')}
          data={DOCUMENT_TYPES.map((entry) => ({ value: entry.abbr, label: typeName(entry.abbr, locale) }))}
          value={type}
          onChange={filtered(setType)}
          clearable
          searchable
          w={200}
        />
        <Select
          aria-label={t('registerStatus')}
          placeholder={t('registerAllStatuses')}
          data={REGISTER_STATUS_CODES.map((value) => ({ value, label: label(REGISTER_STATUSES[value]) }))}
          value={status}
          onChange={filtered(setStatus)}
          clearable
          w={170}
        />
        {unitOptions.length > 1 && (
          <Select
            aria-label={t('registerUnit')}
            placeholder={t('registerAllUnits')}
            data={unitOptions}
            value={unit}
            onChange={filtered(setUnit)}
            clearable
            searchable
            w={220}
          />
        )}
      </Group>
      {isPhone ? (
        <Stack gap="xs" aria-label={t('outgoingRegister')}>
          {data?.items.map((document) => (
            <Card key={document.id} withBorder padding="sm" data-number={document.number}>
              <Stack gap={4}>
                <Group justify="space-between" wrap="nowrap">
                  <Anchor
                    renderRoot={(props) => (
                      <Link
                        {...props}
                        to="/documents/$documentId"
                        params={{ documentId: String(document.id) }}
                      />
                    )}
                    fw={600}
                  >
                    {document.number}
                  </Anchor>
                  <StatusBadge document={document} />
                </Group>
                <Text size="sm" c="dimmed">
                  {formatDateVi(document.issuedOn)} · {typeName(document.type, locale)} · {document.unitName}
                </Text>
                <Text size="sm">{document.title}</Text>
                {document.signerName && <Text size="sm">{document.signerName}</Text>}
                {voidedBecause(document)}
                {voidButton(document)}
              </Stack>
            </Card>
          ))}
        </Stack>
      ) : (
        <ScrollTable striped withTableBorder aria-label={t('outgoingRegister')} minWidth={1000}>
          <Table.Thead>
            <Table.Tr>
              <SortHeader field="number" sort={sort} onSort={changeSort}>
                {t('registerNumber')}
              </SortHeader>
              <SortHeader field="issuedOn" sort={sort} onSort={changeSort}>
                {t('registerDate')}
              </SortHeader>
              <SortHeader field="title" sort={sort} onSort={changeSort}>
                {t('registerTitle')}
              </SortHeader>
              <Table.Th>{t('registerSigner')}</Table.Th>
              <Table.Th>{t('registerRecipients')}</Table.Th>
              <Table.Th>{t('registerUnit')}</Table.Th>
              <Table.Th>{t('registerStatus')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data?.items.map((document) => (
              <Table.Tr key={document.id} data-number={document.number}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Anchor
                    renderRoot={(props) => (
                      <Link
                        {...props}
                        to="/documents/$documentId"
                        params={{ documentId: String(document.id) }}
                      />
                    )}
                  >
                    {document.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>{formatDateVi(document.issuedOn)}</Table.Td>
                <Table.Td>
                  {document.title}
                  <Text size="xs" c="dimmed">
                    {typeName(document.type, locale)}
                  </Text>
                </Table.Td>
                <Table.Td>{document.signerName}</Table.Td>
                <Table.Td>{document.recipients.join('; ')}</Table.Td>
                <Table.Td>{document.unitName}</Table.Td>
                <Table.Td>
                  <StatusBadge document={document} />
                  {voidedBecause(document)}
                </Table.Td>
                <Table.Td>{voidButton(document)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      {!isPending && data?.total === 0 && (
        <Text c="dimmed" ta="center">
          {t('registerNone')}
        </Text>
      )}
      <ListFooter total={data?.total ?? 0} page={page} perPage={PER_PAGE} onPage={setPage} />
      {taking && (
        <TakeNumberDialog
          units={unitOptions}
          unitId={unit ?? unitOptions[0]?.value ?? null}
          onClose={() => setTaking(false)}
        />
      )}
      <ConfirmDialog
        opened={voiding !== null}
        title={fill(t('registerVoidTitle'), { number: voiding?.number ?? '' })}
        confirmLabel={t('registerVoid')}
        danger
        reason="required"
        reasonLabel={t('registerVoidReason')}
        isBusy={voidNumber.isPending}
        error={voidNumber.error?.message ?? null}
        onConfirm={confirmVoid}
        onClose={() => {
          setVoiding(null);
          voidNumber.reset();
        }}
      >
        {fill(t('registerVoidText'), { number: voiding?.number ?? '' })}
      </ConfirmDialog>
    </Stack>
  );
}
