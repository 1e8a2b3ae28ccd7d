import {
  Anchor,
  Button,
  Grid,
  Group,
  Paper,
  ScrollArea,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { ListFooter } from '../../components/ListFooter.tsx';
import { useT } from '../../i18n/locale.tsx';
import { hasPermission, useMe } from '../auth/session.ts';
import { UNIT_SEARCH_PER_PAGE, useUnitSearch } from './api.ts';
import { ImportUnitsModal } from './ImportUnitsModal.tsx';
import { SavedGroups } from './SavedGroups.tsx';
import { UnitDetailPanel } from './UnitDetailPanel.tsx';
import { UnitTree } from './UnitTree.tsx';

export function UnitsPage() {
  const { t } = useT();
  const { data: me } = useMe();
  const [showClosed, setShowClosed] = useState(false);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 250);
  const [searchPage, setSearchPage] = useState(1);
  const search = useUnitSearch(debounced, showClosed, false, searchPage);
  const [isImportOpen, setImportOpen] = useState(false);
  const canWrite = hasPermission(me, 'units.write');

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('units')}</Title>
        <Group gap="xs">
          {canWrite && (
            <>
              <Button variant="light" aria-haspopup="dialog" onClick={() => setImportOpen(true)}>
                {t('importFromFile')}
              </Button>
              <Anchor href="/api/units/import-template?format=xlsx" size="sm">
                {t('template')}
              </Anchor>
            </>
          )}
          <Button component="a" href="/api/units/export?format=xlsx" variant="default">
            {t('exportXlsx')}
          </Button>
          <Button component="a" href="/api/units/export?format=csv" variant="default">
            {t('exportCsv')}
          </Button>
        </Group>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="sm">
            <Stack gap="xs">
              <TextInput
                type="search"
                aria-label={t('searchUnits')}
                placeholder={t('searchUnits')}
                value={query}
                onChange={(e) => {
                  setQuery(e.currentTarget.value);
                  setSearchPage(1);
                }}
              />
              <Switch
                label={t('showClosed')}
                checked={showClosed}
                onChange={(e) => {
                  setShowClosed(e.currentTarget.checked);
                  setSearchPage(1);
                }}
              />
              <ScrollArea h="calc(100vh - 260px)">
                {debounced.trim() ? (
                  <Stack gap={2}>
                    {search.data?.items.length === 0 && <Text c="dimmed">{t('noResults')}</Text>}
                    {search.data?.items.map((unit) => (
                      <Button
                        key={unit.id}
                        variant={unit.id === selectedId ? 'light' : 'subtle'}
                        justify="start"
                        onClick={() => setSelectedId(unit.id)}
                        styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
                        h="auto"
                        py={4}
                      >
                        <div>
                          <Text size="sm" c={unit.isActive ? undefined : 'dimmed'}>
                            {unit.name}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {[unit.code, unit.parentName].filter(Boolean).join(' · ')}
                          </Text>
                        </div>
                      </Button>
                    ))}
                    {(search.data?.total ?? 0) > UNIT_SEARCH_PER_PAGE && (
                      <ListFooter
                        total={search.data?.total ?? 0}
                        page={searchPage}
                        perPage={UNIT_SEARCH_PER_PAGE}
                        onPage={setSearchPage}
                      />
                    )}
                  </Stack>
                ) : (
                  <UnitTree showClosed={showClosed} selectedId={selectedId} onSelect={setSelectedId} />
                )}
              </ScrollArea>
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <UnitDetailPanel unitId={selectedId} onSelect={setSelectedId} />
        </Grid.Col>
      </Grid>
      <SavedGroups />
      <ImportUnitsModal opened={isImportOpen} onClose={() => setImportOpen(false)} />
    </Stack>
  );
}
