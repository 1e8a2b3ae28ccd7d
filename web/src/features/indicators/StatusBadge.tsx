import { Badge } from '@mantine/core';
import type { TargetStatus } from '../../../../core/indicators/targets.ts';
import { useT } from '../../i18n/locale.tsx';
import { statusColour, statusLabel } from './format.ts';

/** Đạt / Có nguy cơ / Không đạt / Chưa có số liệu, in the target status colours. */
export function StatusBadge({
  status,
  size = 'sm',
}: {
  status: TargetStatus | null;
  size?: 'xs' | 'sm' | 'md';
}) {
  const { locale } = useT();
  // No target applies: nothing to be met or missed.
  if (status === null) return null;
  return (
    <Badge
      color={statusColour(status)}
      variant={status === 'no_data' ? 'outline' : 'light'}
      size={size}
      tt="none"
    >
      {statusLabel(status, locale)}
    </Badge>
  );
}
