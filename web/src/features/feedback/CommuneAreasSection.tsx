import { Alert, Button, FileButton, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { fill } from '../../i18n/fill.ts';
import { formatNumber, useT } from '../../i18n/locale.tsx';
import { useCommuneAreas, useLoadCommuneAreas } from './api.ts';
import { SettingsSection } from './SettingsSection.tsx';

/** The communes listed by name when some lack a boundary; the rest are counted. */
const SHOWN = 8;

/**
 * The communes' boundaries the province loads from a GeoJSON file (features carrying the commune's
 * official code), so that a citizen's form chooses the commune from the point the phone gives. Loading
 * replaces what was there, all or nothing; a refusal names each wrong feature.
 */
export function CommuneAreasSection() {
  const { t } = useT();
  const { data } = useCommuneAreas();
  const load = useLoadCommuneAreas();
  const error = load.error instanceof ApiError ? (load.error.fields[0]?.message ?? load.error.message) : null;
  const missing = data?.missing ?? [];
  // Boundaries already loaded are replaced only after the confirmation says so.
  const [replacing, setReplacing] = useState<File | null>(null);
  const choose = (file: File | null) => {
    if (!file) return;
    if (data && data.loaded > 0) setReplacing(file);
    else load.mutate(file);
  };
  return (
    <SettingsSection title={t('communeAreasTitle')} help={t('communeAreasHelp')}>
      {data && (
        <Text size="sm" data-commune-areas={data.loaded}>
          {fill(t('communeAreasLoaded'), {
            loaded: formatNumber(data.loaded),
            communes: formatNumber(data.communes),
          })}
          {missing.length > 0 &&
            data.loaded > 0 &&
            ` ${fill(t('communeAreasMissing'), {
              names: missing
                .slice(0, SHOWN)
                .map((commune) => commune.name)
                .join(', '),
              more:
                missing.length > SHOWN
                  ? fill(t('communeAreasMore'), { count: formatNumber(missing.length - SHOWN) })
                  : '',
            })}`}
        </Text>
      )}
      <Group>
        <FileButton accept=".geojson,.json,application/geo+json,application/json" onChange={choose}>
          {(props) => (
            <Button {...props} variant="default" loading={load.isPending}>
              {t('communeAreasLoad')}
            </Button>
          )}
        </FileButton>
      </Group>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <ConfirmDialog
        opened={replacing !== null}
        title={t('communeAreasReplaceTitle')}
        confirmLabel={t('communeAreasLoad')}
        isBusy={load.isPending}
        onConfirm={() => {
          if (replacing) load.mutate(replacing, { onSettled: () => setReplacing(null) });
        }}
        onClose={() => setReplacing(null)}
      >
        <Text>
          {fill(t('communeAreasReplaceText'), {
            loaded: formatNumber(data?.loaded ?? 0),
            file: replacing?.name ?? '',
          })}
        </Text>
      </ConfirmDialog>
      {load.isSuccess && (
        <Alert color="green" role="status">
          {t('communeAreasDone')}
        </Alert>
      )}
    </SettingsSection>
  );
}
