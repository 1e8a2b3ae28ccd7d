import { describe, expect, it } from 'vitest';
import { asTarget, resolveTarget, type StoredTarget } from './target-resolution.ts';
import { TARGET_STATUS, targetStatus } from './targets.ts';

let nextId = 0;
function target(overrides: Partial<StoredTarget>): StoredTarget {
  nextId += 1;
  return {
    id: nextId,
    indicatorCode: 'DOSSIER_ON_TIME',
    unitId: null,
    unitType: null,
    periodCode: null,
    operator: '>',
    threshold: 95,
    riskMargin: 5,
    ...overrides,
  };
}

const commune = { indicatorCode: 'DOSSIER_ON_TIME', unitId: 7, unitType: 'commune', periodCode: '2026Q1' };

describe('target resolution', () => {
  const everyone = target({});
  const communes = target({ unitType: 'commune', threshold: 90 });
  const communes2026 = target({ unitType: 'commune', periodCode: '2026', threshold: 92 });
  const communesQ1 = target({ unitType: 'commune', periodCode: '2026Q1', threshold: 93 });
  const ours = target({ unitId: 7, threshold: 97 });
  const otherIndicator = target({ indicatorCode: 'DOSSIER_EARLY', unitId: 7 });

  it('unit over unit type over everyone', () => {
    expect(resolveTarget([everyone, communes, ours, otherIndicator], commune)).toBe(ours);
    expect(resolveTarget([everyone, communes], commune)).toBe(communes);
    expect(resolveTarget([everyone, communes], { ...commune, unitType: 'department' })).toBe(everyone);
    expect(resolveTarget([otherIndicator], commune)).toBeNull();
  });

  it("a quarter's own target, then its year's, then every period's", () => {
    expect(resolveTarget([communes, communes2026, communesQ1], commune)).toBe(communesQ1);
    expect(resolveTarget([communes, communes2026], commune)).toBe(communes2026);
    expect(resolveTarget([communes, communes2026], { ...commune, periodCode: '2027Q1' })).toBe(communes);
    // Another quarter's target never applies.
    expect(resolveTarget([communesQ1], { ...commune, periodCode: '2026Q2' })).toBeNull();
  });

  it('of two equally specific targets the later one wins', () => {
    const later = target({ unitType: 'commune', threshold: 80 });
    expect(resolveTarget([later, communes], commune)).toBe(later);
  });

  it('the resolved target decides status and colour', () => {
    const resolved = resolveTarget([everyone], commune);
    if (!resolved) throw new Error('no target');
    expect(targetStatus(96, asTarget(resolved))).toBe('met');
    expect(targetStatus(91, asTarget(resolved))).toBe('at_risk');
    expect(targetStatus(89.9, asTarget(resolved))).toBe('missed');
    expect(TARGET_STATUS[targetStatus(89.9, asTarget(resolved))].colour).toBe('red');
  });
});
