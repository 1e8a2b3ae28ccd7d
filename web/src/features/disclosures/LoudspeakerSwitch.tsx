import { Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Loudspeaker } from '../../../../core/disclosures/unit-settings.ts';
import { api } from '../../api/client.ts';
import { notifySaved } from '../../components/form.ts';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';

/**
 * Whether the commune has a loudspeaker system: the law asks broadcasts only "nơi có hệ thống loa".
 * Saved at once (over the version read) and the register judged again; reversible at any time.
 */
export function LoudspeakerSwitch({ unitId }: { unitId: number }) {
  const { t } = useT();
  const client = useQueryClient();
  const key = ['disclosures', 'loudspeaker', unitId];
  const { data } = useQuery({
    queryKey: key,
    queryFn: () => api<Loudspeaker>('GET', `/api/disclosures/units/${unitId}/loudspeaker`),
  });
  const save = useMutation({
    mutationFn: (hasLoudspeaker: boolean) =>
      api<Loudspeaker>('PUT', `/api/disclosures/units/${unitId}/loudspeaker`, {
        hasLoudspeaker,
        version: data?.version,
      }),
    onSuccess: (saved) => {
      client.setQueryData(key, saved);
      notifySaved(t(saved.hasLoudspeaker ? 'disclosuresLoudspeakerOn' : 'disclosuresLoudspeakerOff'));
      return client.invalidateQueries({ queryKey: ['disclosures'] });
    },
    onError: (error) =>
      notifications.show({ color: 'red', message: error instanceof Error ? error.message : String(error) }),
  });
  if (!data) return null;
  return (
    <div>
      <Switch
        checked={data.hasLoudspeaker}
        disabled={!data.canChange || save.isPending}
        onChange={(event) => save.mutate(event.currentTarget.checked)}
        label={fill(t('disclosuresHasLoudspeaker'), { unit: data.unitName })}
      />
      {!data.hasLoudspeaker && (
        <Text size="xs" c="dimmed" ml={54}>
          {t('disclosuresLoudspeakerHint')}
        </Text>
      )}
    </div>
  );
}
