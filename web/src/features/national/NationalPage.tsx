import { Alert, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useT } from '../../i18n/locale.tsx';
import { useNationalDashboard, useReadsNational } from './api.ts';
import { NationalControls } from './NationalControls.tsx';
import { ProvinceRanking } from './ProvinceRanking.tsx';
import { SideBySide } from './SideBySide.tsx';

/** The national view: the provinces ranked on the chosen indicator, and side by side on every one. */
export function NationalPage() {
  const { t } = useT();
  // Period and indicator live in the URL: a link shows the same view, Back returns to the last one.
  const search = useSearch({ strict: false }) as Record<string, unknown>;
  const navigate = useNavigate();
  const period = typeof search.period === 'string' ? search.period : undefined;
  const { data, error, isFetching } = useNationalDashboard(period);
  const allowed = useReadsNational();
  const indicatorCode =
    typeof search.indicator === 'string' && data?.indicators.some((item) => item.code === search.indicator)
      ? search.indicator
      : 'DOSSIER_ON_TIME';
  const indicator = data?.indicators.find((item) => item.code === indicatorCode) ?? data?.indicators[0];
  const go = (next: { period?: string; indicator?: string }) =>
    void navigate({
      to: '/national',
      search: { period: data?.period, indicator: indicatorCode, ...next } as never,
    });

  return (
    <Stack>
      <Stack gap={4}>
        <Group gap="sm">
          <Title order={2}>{t('nationalTitle')}</Title>
          {isFetching && <Loader size="xs" aria-label={t('loading')} />}
        </Group>
        <Text size="sm" c="dimmed">
          {t('nationalIntro')}
        </Text>
      </Stack>
      {error && (
        <Alert color="red" role="alert">
          {error.message}
        </Alert>
      )}
      {allowed === false && <Alert color="yellow">{t('nationalNotAllowed')}</Alert>}
      {allowed !== false && !data && !error && <Loader aria-label={t('loading')} />}
      {data?.instance === 'province' && <Alert color="blue">{t('nationalProvinceInstance')}</Alert>}
      {data && indicator && (
        <>
          <NationalControls
            period={data.period}
            periods={data.periods}
            onPeriod={(value) => go({ period: value })}
            indicators={data.indicators}
            indicator={indicator.code}
            onIndicator={(code) => go({ indicator: code })}
          />
          {data.provinces.length === 0 ? (
            <Alert color="blue">{t('nationalNoProvinces')}</Alert>
          ) : (
            <>
              <ProvinceRanking dashboard={data} indicator={indicator} />
              <SideBySide dashboard={data} selected={indicator.code} />
            </>
          )}
        </>
      )}
    </Stack>
  );
}
