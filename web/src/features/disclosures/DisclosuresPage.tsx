import { Anchor, Group, Stack, Tabs, Title } from '@mantine/core';
import { useState } from 'react';
import { useT } from '../../i18n/locale.tsx';
import { BoardPanel } from './BoardPanel.tsx';
import { CataloguePanel } from './CataloguePanel.tsx';
import { type RegisterFilter, RegisterPanel } from './RegisterPanel.tsx';

/** The disclosures register: a unit's obligations, the coordinator's board, and the catalogue. */
export function DisclosuresPage() {
  const { t } = useT();
  const [tab, setTab] = useState<string | null>('register');
  const [filter, setFilter] = useState<RegisterFilter>({ unitId: null, status: null });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('disclosures')}</Title>
        <Anchor href="/cong-khai/thong-tin" target="_blank">
          {t('disclosuresPublicPage')}
        </Anchor>
      </Group>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="register">{t('disclosuresRegister')}</Tabs.Tab>
          <Tabs.Tab value="board">{t('disclosuresBoard')}</Tabs.Tab>
          <Tabs.Tab value="catalogue">{t('disclosuresCatalogue')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="register" pt="md">
          <RegisterPanel filter={filter} onFilter={setFilter} />
        </Tabs.Panel>
        <Tabs.Panel value="board" pt="md">
          <BoardPanel
            onOpen={(next) => {
              setFilter(next);
              setTab('register');
            }}
          />
        </Tabs.Panel>
        <Tabs.Panel value="catalogue" pt="md">
          <CataloguePanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
