import { Card, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { NationalIndicatorView } from './api.ts';
import { fractionText } from './figure-text.ts';
import { RankCell } from './RankCell.tsx';
import { ValueBar } from './ValueBar.tsx';

interface Figure {
  numerator: number;
  denominator: number | null;
  value: number | null;
}

/** A ranked row as a card on a phone: rank and name, the value with its bar and counts, then the rest. */
export function RankedCard({
  rank,
  name,
  indicator,
  figure,
  largest,
  testId,
  children,
}: {
  rank: number | null;
  name: ReactNode;
  indicator: NationalIndicatorView;
  figure: Figure | undefined;
  largest: number;
  testId: string;
  children?: ReactNode;
}) {
  return (
    <Card withBorder padding="sm" data-testid={testId} component="li">
      <Stack gap={6}>
        <Group gap="sm" wrap="nowrap" align="baseline">
          <RankCell rank={rank} />
          {name}
        </Group>
        <ValueBar indicator={indicator} figure={figure} largest={largest} />
        <Text size="xs" c="dimmed">
          {fractionText(figure)}
        </Text>
        {children}
      </Stack>
    </Card>
  );
}
