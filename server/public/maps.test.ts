import { describe, expect, it } from 'vitest';
import { choropleth, mapKindOfYear, provinceMap } from './maps.ts';

describe('the provinces’ maps', () => {
  it('draws the 63 provinces for the years before 1 July 2025 and the 34 units after', () => {
    expect(mapKindOfYear(2024)).toBe('provinces63');
    expect(mapKindOfYear(2025)).toBe('provinces2025');
    const before = provinceMap('provinces63');
    const after = provinceMap('provinces2025');
    expect(before.paths.size).toBe(63);
    expect(after.paths.size).toBe(34);
    expect(before.width).toBe(480);
    // Viet Nam with its archipelagos is a little taller than wide.
    expect(after.height).toBeGreaterThan(500);
    expect(after.height).toBeLessThan(600);
    // Hoàng Sa (in Đà Nẵng, 48) and Trường Sa (in Khánh Hoà, 56) are drawn, each islet at least a dot.
    expect((after.paths.get('48')?.match(/M/g) ?? []).length).toBeGreaterThan(20);
    expect((after.paths.get('56')?.match(/M/g) ?? []).length).toBeGreaterThan(200);
  });

  it('fills each province by its group, outlines the highlighted ones and titles each shape', () => {
    const svg = choropleth(
      'provinces2025',
      new Map([
        ['33', { group: 1, label: 'Hưng Yên: 44,40' }],
        ['01', { group: 4, label: 'Hà Nội: 41,00' }],
      ]),
      { id: 'ban-do', title: 'Bản đồ thử', highlight: new Set(['33']) },
    ).markup;
    expect(svg).toContain('role="img" aria-labelledby="ban-do"');
    expect(svg).toContain('<title id="ban-do">Bản đồ thử</title>');
    expect(svg.match(/<path /g)).toHaveLength(34);
    expect(svg).toContain('fill="#0b5d3b" stroke="#c2410c" stroke-width="2"><title>Hưng Yên: 44,40</title>');
    expect(svg).toContain('fill="#eaf2c4" stroke="#fff" stroke-width="0.6"><title>Hà Nội: 41,00</title>');
    // A province without figures is grey and named.
    expect(svg).toContain('fill="#c4c8ce" stroke="#fff" stroke-width="0.6"><title>Hồ Chí Minh</title>');
    // The outlined province is drawn last, over its neighbours.
    expect(svg.slice(svg.lastIndexOf('<path ')).includes('stroke="#c2410c"')).toBe(true);
  });
});
