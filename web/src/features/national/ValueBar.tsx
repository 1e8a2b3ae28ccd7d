import { Group, Progress, Text } from '@mantine/core';
import type { NationalIndicatorView } from './api.ts';
import { barPercent, figureText } from './figure-text.ts';

interface Figure {
  numerator: number;
  denominator: number | null;
  value: number | null;
}

/** The figure in words and a bar beside it (a rate out of 100, a count against the largest shown). */
export function ValueBar({
  indicator,
  figure,
  largest,
}: {
  indicator: NationalIndicatorView;
  figure: Figure | undefined;
  largest: number;
}) {
  const percent = barPercent(indicator, figure, largest);
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" fw={600} w={64} ta="right" style={{ flexShrink: 0 }}>
        {figureText(indicator, figure)}
      </Text>
      <Progress
        value={percent}
        color={indicator.better === 'lower' ? 'orange' : 'indigo'}
        size="lg"
        radius="sm"
        style={{ flex: 1, minWidth: 60 }}
        aria-hidden
      />
    </Group>
  );
}
