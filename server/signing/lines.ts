import { isoVietnam, viDateTime } from './time.ts';
import type { NameParts } from './x509.ts';

/**
 * The text of a visible signature (Nghị định 30/2020 Phụ lục I): a person's name, unit and time; an
 * organisation's name and the time in ISO 8601 with Vietnam's offset.
 */
export function appearanceLines(kind: 'person' | 'organisation', subject: NameParts, time: Date): string[] {
  if (kind === 'organisation') return [subject.organisation ?? subject.commonName ?? '', isoVietnam(time)];
  return [
    `Ký bởi: ${subject.commonName ?? ''}`,
    ...(subject.organisation ? [`Cơ quan: ${subject.organisation}`] : []),
    `Thời gian: ${viDateTime(time)}`,
  ];
}
