/**
 * The provincial departments renamed or merged in 2025, as data: a plan written before then names
 * "Sở Tài nguyên và Môi trường", and the unit carrying that work today is the "Sở Nông nghiệp và Môi
 * trường" of the user's province. Only reorganisations that apply in every province are listed
 * (Kết luận 121-KL/TW of 24/01/2025; Nghị định 45/2025/NĐ-CP of 28/02/2025 on the departments of a
 * provincial committee, in force from 01/03/2025); Sở Ngoại vụ and Sở Du lịch, whose work went to
 * different departments province by province, are not.
 */
import { agencyKey } from './agency-key.ts';

export interface DepartmentSuccession {
  /** The name as plans wrote it before 2025 (compared by `agencyKey`). */
  formerly: string;
  /** Today's department that carries it. */
  now: string;
  /** What the suggestion says beyond "merged into …": the parts of the work that went elsewhere. */
  note?: { vi: string; en: string };
}

/** In force from: Nghị định 45/2025/NĐ-CP. */
export const DEPARTMENTS_REORGANISED_ON = '2025-03-01';
export const DEPARTMENTS_REORGANISED_BY = 'Nghị định 45/2025/NĐ-CP';

export const DEPARTMENT_SUCCESSIONS: readonly DepartmentSuccession[] = [
  { formerly: 'Sở Tài nguyên và Môi trường', now: 'Sở Nông nghiệp và Môi trường' },
  { formerly: 'Sở Nông nghiệp và Phát triển nông thôn', now: 'Sở Nông nghiệp và Môi trường' },
  {
    formerly: 'Sở Thông tin và Truyền thông',
    now: 'Sở Khoa học và Công nghệ',
    note: {
      vi: 'báo chí, xuất bản chuyển sang Sở Văn hóa, Thể thao và Du lịch',
      en: 'press and publishing went to the Department of Culture, Sports and Tourism',
    },
  },
  { formerly: 'Sở Kế hoạch và Đầu tư', now: 'Sở Tài chính' },
  { formerly: 'Sở Giao thông vận tải', now: 'Sở Xây dựng' },
  {
    formerly: 'Sở Lao động - Thương binh và Xã hội',
    now: 'Sở Nội vụ',
    note: {
      vi: 'giáo dục nghề nghiệp chuyển sang Sở Giáo dục và Đào tạo; bảo trợ xã hội, trẻ em chuyển sang Sở Y tế',
      en: 'vocational training went to the Department of Education and Training; social protection and children to the Department of Health',
    },
  },
  {
    formerly: 'Ban Dân tộc tỉnh',
    now: 'Sở Dân tộc và Tôn giáo',
    note: {
      vi: 'ở tỉnh không lập Sở Dân tộc và Tôn giáo, công tác dân tộc giao Sở Nội vụ',
      en: 'where the province set up no Department of Ethnic Minorities and Religion, ethnic affairs went to the Department of Home Affairs',
    },
  },
];

const BY_KEY = new Map(DEPARTMENT_SUCCESSIONS.map((entry) => [agencyKey(entry.formerly), entry]));
// "Ban Dân tộc" as plans write it, without "tỉnh".
BY_KEY.set(agencyKey('Ban Dân tộc'), BY_KEY.get(agencyKey('Ban Dân tộc tỉnh')) as DepartmentSuccession);

/** The 2025 successor of a department a plan names, if the name is one of those reorganised. */
export function departmentSuccessor(name: string): DepartmentSuccession | null {
  return BY_KEY.get(agencyKey(name)) ?? null;
}
