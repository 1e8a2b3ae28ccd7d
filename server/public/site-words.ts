import type { FastifyRequest } from 'fastify';
import { inLocale, type Msg } from '../../core/errors.ts';

/**
 * The language of a citizen's page (`?lang=en` or `?lang=vi` first, then the browser's
 * Accept-Language, else Vietnamese) and the words of the public site's frame, Vietnamese first.
 */
export type Lang = 'vi' | 'en';

export function pageLang(request: FastifyRequest): { lang: Lang; chosen: boolean } {
  const asked = (request.query as { lang?: unknown } | undefined)?.lang;
  if (asked === 'en' || asked === 'vi') return { lang: asked, chosen: true };
  const header = String(request.headers['accept-language'] ?? '');
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
      return { tag, q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((entry) => entry.q > 0 && (entry.tag.startsWith('vi') || entry.tag.startsWith('en')))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return { lang: ranked[0]?.tag.startsWith('en') ? 'en' : 'vi', chosen: false };
}

export const say = (lang: Lang, message: Msg) => inLocale(message, lang);

/** The site's sections, in the order of its menu: each a stable address. */
export const SECTIONS = [
  { key: 'home', path: '/cong-khai', label: { vi: 'Trang chủ', en: 'Home' } },
  { key: 'results', path: '/cong-khai/ket-qua', label: { vi: 'Kết quả đánh giá', en: 'Assessment results' } },
  { key: 'papi', path: '/cong-khai/papi', label: { vi: 'Chỉ số PAPI', en: 'PAPI index' } },
  { key: 'plans', path: '/cong-khai/ke-hoach', label: { vi: 'Kế hoạch', en: 'Plans' } },
  {
    key: 'disclosures',
    path: '/cong-khai/thong-tin',
    label: { vi: 'Thông tin công khai', en: 'Public disclosures' },
  },
  {
    key: 'projects',
    path: '/cong-khai/cong-trinh',
    label: { vi: 'Công trình dân góp', en: 'Community projects' },
  },
  { key: 'contacts', path: '/cong-khai/lien-he', label: { vi: 'Liên hệ', en: 'Contacts' } },
  { key: 'feedback', path: '/phan-anh', label: { vi: 'Phản ánh, kiến nghị', en: 'Feedback' } },
  { key: 'reception', path: '/tiep-cong-dan', label: { vi: 'Tiếp công dân', en: 'Reception days' } },
  { key: 'dialogues', path: '/doi-thoai', label: { vi: 'Đối thoại', en: 'Dialogues' } },
  { key: 'data', path: '/du-lieu-mo', label: { vi: 'Dữ liệu mở', en: 'Open data' } },
] as const satisfies readonly { key: string; path: string; label: Msg }[];

export type SectionKey = (typeof SECTIONS)[number]['key'];

export const SW = {
  /** "Cải cách hành chính tỉnh Hưng Yên" (the full name inside a sentence), "Administrative reform, Hưng Yên". */
  siteOf: (fullName: string, name: string): Msg => ({
    vi: `Cải cách hành chính ${fullName.charAt(0).toLocaleLowerCase('vi')}${fullName.slice(1)}`,
    en: `Administrative reform, ${name}`,
  }),
  home: { vi: 'Trang chủ', en: 'Home' },
  toHome: { vi: 'Về trang chủ', en: 'Back to the home page' },
  menu: { vi: 'Các mục của trang', en: 'Site sections' },
  skip: { vi: 'Bỏ qua, đến nội dung chính', en: 'Skip to the main content' },
  staff: { vi: 'Cán bộ đăng nhập', en: 'Staff sign-in' },
  otherLanguage: { vi: 'English', en: 'Tiếng Việt' },
  emblem: { vi: 'Biểu trưng', en: 'Emblem' },
  demo: {
    vi: 'Trang thử nghiệm: dữ liệu minh họa, không phải thông tin chính thức (trừ kết quả PAPI).',
    en: 'Trial site: illustrative data, not official information (except the PAPI results).',
  },
  licence: {
    vi: 'Dữ liệu công khai theo giấy phép Creative Commons Ghi công 4.0 (CC BY 4.0), trừ khi ghi khác.',
    en: 'Public data under the Creative Commons Attribution 4.0 licence (CC BY 4.0) unless stated otherwise.',
  },
  crumbs: { vi: 'Bạn đang ở', en: 'You are here' },
  notFoundTitle: { vi: 'Không tìm thấy', en: 'Not found' },
  errorTitle: { vi: 'Có lỗi', en: 'Something went wrong' },
} as const;
