import { describe, expect, it } from 'vitest';
import { remediationSchema } from '../frameworks/framework-schema.ts';
import { PAPI_DIMENSIONS } from './papi.ts';
import { PAPI_REMEDIATION } from './papi-remediation.ts';

describe('PAPI remediation texts', () => {
  it('give every dimension what its best looks like, a task and a lead, in the shape a framework takes', () => {
    expect(Object.keys(PAPI_REMEDIATION)).toEqual([...PAPI_DIMENSIONS]);
    for (const dimension of PAPI_DIMENSIONS) {
      const remediation = PAPI_REMEDIATION[dimension];
      expect(remediation.fullMarks.trim().length, dimension).toBeGreaterThan(40);
      expect(remediation.action.trim().length, dimension).toBeGreaterThan(40);
      expect(remediation.lead?.trim(), dimension).toBeTruthy();
      expect(remediationSchema.safeParse(remediation).success, dimension).toBe(true);
    }
  });

  it('lead each dimension where Hưng Yên’s PAPI plan (29/KH-UBND) did, under the 2025 department names', () => {
    expect(
      Object.fromEntries(PAPI_DIMENSIONS.map((dimension) => [dimension, PAPI_REMEDIATION[dimension].lead])),
    ).toEqual({
      'PAPI.1': 'Sở Nội vụ',
      // Poverty lists and land (Sở LĐTBXH, Sở TN&MT in 2020) are now one department's.
      'PAPI.2': 'Sở Nông nghiệp và Môi trường',
      'PAPI.3': 'Thanh tra tỉnh',
      'PAPI.4': 'Thanh tra tỉnh',
      'PAPI.5': 'Văn phòng UBND tỉnh',
      'PAPI.6': 'Sở Y tế',
      'PAPI.7': 'Sở Nông nghiệp và Môi trường',
      // Sở Thông tin và Truyền thông in 2020.
      'PAPI.8': 'Sở Khoa học và Công nghệ',
    });
    expect(PAPI_REMEDIATION['PAPI.2'].support).toEqual(['Sở Tài chính', 'Sở Tư pháp', 'UBND cấp xã']);
  });
});
