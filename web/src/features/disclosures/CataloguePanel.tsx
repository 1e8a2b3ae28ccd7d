import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { formatDateVi } from '../../../../core/text/dates.ts';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import { hasPermission, useMe } from '../auth/session.ts';
import { type CatalogueEntry, useCatalogue } from './api.ts';
import { CatalogueItemDialog } from './CatalogueItemDialog.tsx';
import { DISCLOSURE_PLACES, deadlineInWords, periodInWords } from './disclosure-words.ts';

/**
 * The catalogue of what must be disclosed, every version of every rule with its dates; the province
 * edits a version or adds a new one (a commune's coordinator is refused by the server).
 */
export function CataloguePanel() {
  const { t, label } = useT();
  const { data: me } = useMe();
  const { data: items } = useCatalogue();
  const [editing, setEditing] = useState<{ item: CatalogueEntry; isNew: boolean } | null>(null);
  const canManage = hasPermission(me, 'disclosures.manage');
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('disclosuresCatalogueHelp')}
      </Text>
      <ScrollTable withTableBorder striped aria-label={t('disclosuresCatalogue')} minWidth={1000}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('disclosuresItem')}</Table.Th>
            <Table.Th>{t('disclosuresWhere')}</Table.Th>
            <Table.Th>{t('disclosuresHowLong')}</Table.Th>
            <Table.Th>{t('disclosuresDeadline')}</Table.Th>
            <Table.Th>{t('disclosuresValidFrom')}</Table.Th>
            {canManage && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items?.map((item) => (
            <Table.Tr key={item.id} data-catalogue={item.code}>
              <Table.Td>
                <Text fw={600}>{label({ vi: item.nameVi, en: item.nameEn })}</Text>
                {/* The legal basis as the catalogue writes it: Vietnamese in every language. */}
                <Text size="xs" c="dimmed" lang="vi">
                  {item.basis}
                </Text>
                {item.unconfirmed && (
                  <Badge color="orange" variant="light" title={item.note ?? undefined}>
                    {t('disclosuresUnconfirmed')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{item.places.map((place) => label(DISCLOSURE_PLACES[place])).join('; ')}</Table.Td>
              <Table.Td>
                {label(periodInWords(item.period))}
                {item.loudspeakerDays
                  ? `; ${fill(t('disclosuresLoudspeaker'), { n: item.loudspeakerDays })}`
                  : ''}
              </Table.Td>
              <Table.Td>{label(deadlineInWords(item.deadline))}</Table.Td>
              <Table.Td>
                {formatDateVi(item.validFrom)}
                {item.validTo ? ` – ${formatDateVi(item.validTo)}` : ''}
              </Table.Td>
              {canManage && (
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button size="xs" variant="default" onClick={() => setEditing({ item, isNew: false })}>
                      {t('edit')}
                    </Button>
                    {item.validTo !== null && (
                      <Button size="xs" variant="subtle" onClick={() => setEditing({ item, isNew: true })}>
                        {t('disclosuresNewVersion')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
      {editing && (
        <CatalogueItemDialog item={editing.item} isNew={editing.isNew} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}
