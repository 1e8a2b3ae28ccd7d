import { describe, expect, it } from 'vitest';
import { type AreaGeometry, containsPoint, distanceOutside } from './point-in-area.ts';

// A square of 0.1° around (106.0, 20.6) with a square hole of 0.02° in its middle, and an islet.
const area: AreaGeometry = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [105.95, 20.55],
        [106.05, 20.55],
        [106.05, 20.65],
        [105.95, 20.65],
        [105.95, 20.55],
      ],
      [
        [105.99, 20.59],
        [105.99, 20.61],
        [106.01, 20.61],
        [106.01, 20.59],
        [105.99, 20.59],
      ],
    ],
    [
      [
        [106.2, 20.6],
        [106.21, 20.6],
        [106.21, 20.61],
        [106.2, 20.6],
      ],
    ],
  ],
};

describe('a map point and an area', () => {
  it('is inside the outer ring, not in a hole, and inside an islet', () => {
    expect(containsPoint(area, [105.96, 20.56])).toBe(true);
    expect(containsPoint(area, [106.0, 20.6])).toBe(false);
    expect(containsPoint(area, [106.208, 20.605])).toBe(true);
    expect(containsPoint(area, [106.1, 20.6])).toBe(false);
  });

  it('measures how far outside it lies, in metres', () => {
    expect(distanceOutside(area, [105.96, 20.56])).toBe(0);
    // 0.01° of longitude east of the square's edge at 20.6° N: 111,320 × cos 20.6° × 0.01 ≈ 1,042 m.
    expect(Math.round(distanceOutside(area, [106.06, 20.6]))).toBe(1042);
    // 0.01° of latitude north of its top edge: 1,113 m.
    expect(Math.round(distanceOutside(area, [106.0, 20.66]))).toBe(1113);
  });
});
