import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXCLUSION_REASONS, exclusionReasonText } from './exclusions.ts';
import { allScreens, scoredAnswerCount, visibleScreens, withoutUnasked } from './screens.ts';
import type { SurveyDefinition } from './survey.ts';

const SIPAS = JSON.parse(
  readFileSync(new URL('../../reference/surveys/SIPAS-2023-2026.json', import.meta.url), 'utf8'),
) as SurveyDefinition;
const codes = (screens: ReturnType<typeof allScreens>) =>
  screens.map((screen) => screen.questions.map((q) => q.code));

describe('the public page’s screens', () => {
  it('are one per element in order, the closing comment joining the screen before it', () => {
    const screens = allScreens(SIPAS);
    expect(screens.map((screen) => screen.element?.code ?? null)).toEqual([
      'TT',
      'DV1',
      'DV2',
      'DV3',
      'DV4',
      'DV5',
      'CS',
      'TT',
    ]);
    expect(codes(screens)[7]).toEqual(['TIEN', 'GOPY']);
    expect(codes(screens)[1]).toEqual(['DV1.1', 'DV1.2', 'DV1.3', 'DV1.4', 'DV1.5', 'DV1.GY']);
  });

  it('leave out a question whose condition is not met, and a screen the dossier answered', () => {
    expect(codes(visibleScreens(SIPAS, { KENH: 1 }))[1]).toEqual([
      'DV1.1',
      'DV1.2',
      'DV1.3',
      'DV1.4',
      'DV1.GY',
    ]);
    expect(codes(visibleScreens(SIPAS, {}))[1]).not.toContain('DV1.5');
    expect(codes(visibleScreens(SIPAS, { KENH: 2 }))[1]).toContain('DV1.5');
    const withDossier = visibleScreens(SIPAS, { KENH: 2 }, ['KENH']);
    expect(withDossier).toHaveLength(7);
    expect(withDossier[0]?.element?.code).toBe('DV1');
  });

  it('drop the answers to questions no longer asked', () => {
    expect(withoutUnasked(SIPAS, { KENH: 1, 'DV1.5': 4, 'DV1.1': 5 })).toEqual({ KENH: 1, 'DV1.1': 5 });
    expect(withoutUnasked(SIPAS, { KENH: 2, 'DV1.5': 4 })).toEqual({ KENH: 2, 'DV1.5': 4 });
  });

  it('count only scored answers for the "too fast" flag (not the route, yes/no or comments)', () => {
    expect(scoredAnswerCount(SIPAS, { KENH: 2, 'DV1.1': 5, 'DV1.5': 3, TIEN: 0, GOPY: 'x', 'CS.1': 4 })).toBe(
      3,
    );
  });
});

describe('reasons a response is held out', () => {
  it('have words in both languages; a coordinator’s own reason reads as written', () => {
    expect(exclusionReasonText('repeat')).toEqual(EXCLUSION_REASONS.repeat);
    expect(exclusionReasonText('too_fast').vi).toBe(
      'Trả lời quá nhanh (dưới 2 giây cho mỗi câu được tính điểm)',
    );
    expect(exclusionReasonText('Phiếu thử của cán bộ')).toEqual({
      vi: 'Phiếu thử của cán bộ',
      en: 'Phiếu thử của cán bộ',
    });
  });
});
