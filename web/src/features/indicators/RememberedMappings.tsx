import { Accordion, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { DOSSIER_FIELD_LABELS, type DossierField } from '../../../../core/dossiers/dossier-fields.ts';
import { api } from '../../api/client.ts';
import { useT } from '../../i18n/locale.tsx';
import { formatDayVi } from './format.ts';

interface RememberedMapping {
  signature: string;
  mapping: Partial<Record<DossierField, string>>;
  updatedAt: string;
}

/** The export layouts mapped before: a file with the same headers imports without asking again. */
export function RememberedMappings() {
  const { t } = useT();
  const { data } = useQuery({
    queryKey: ['dossier-mappings'],
    queryFn: () => api<RememberedMapping[]>('GET', '/api/dossier-mappings'),
  });
  if (!data || data.length === 0) return null;
  return (
    <Accordion variant="contained">
      <Accordion.Item value="mappings">
        <Accordion.Control>
          {t('rememberedMappings')} ({data.length})
        </Accordion.Control>
        <Accordion.Panel>
          <Text size="sm" c="dimmed" mb="xs">
            {t('rememberedMappingsHelp')}
          </Text>
          {data.map((entry) => (
            <Table
              key={entry.signature}
              withTableBorder
              mb="sm"
              aria-label={`${t('rememberedMappings')} ${formatDayVi(entry.updatedAt)}`}
            >
              <Table.Caption>{formatDayVi(entry.updatedAt)}</Table.Caption>
              <Table.Tbody>
                {(Object.entries(entry.mapping) as [DossierField, string][]).map(([field, header]) => (
                  <Table.Tr key={field}>
                    <Table.Td w="40%">{DOSSIER_FIELD_LABELS[field]}</Table.Td>
                    <Table.Td>{header}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ))}
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
