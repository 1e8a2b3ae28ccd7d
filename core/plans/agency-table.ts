/**
 * Units a plan assigns work to, as data: one canonical name and the ways documents write it (full name,
 * "UBND", ký hiệu codes like SNV, the "&" short forms). Names before and after the 2025 reorganisation
 * both appear, because plans of both periods are imported. Spelling with or without diacritics is one
 * entry (matching is on folded text).
 */
export interface AgencyEntry {
  name: string;
  aliases: string[];
}

export const AGENCY_TABLE: AgencyEntry[] = [
  {
    name: 'UBND tỉnh',
    aliases: ['UBND tỉnh', 'Ủy ban nhân dân tỉnh', 'UBND thành phố trực thuộc Trung ương'],
  },
  { name: 'Chủ tịch UBND tỉnh', aliases: ['Chủ tịch UBND tỉnh', 'Chủ tịch Ủy ban nhân dân tỉnh'] },
  {
    name: 'Văn phòng UBND tỉnh',
    aliases: [
      'Văn phòng UBND tỉnh',
      'Văn phòng Ủy ban nhân dân tỉnh',
      'Chánh Văn phòng UBND tỉnh',
      'VP UBND tỉnh',
      'VPUBND tỉnh',
      'VPUB tỉnh',
      'Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh',
    ],
  },
  { name: 'Sở Nội vụ', aliases: ['Sở Nội vụ', 'SNV'] },
  { name: 'Sở Tư pháp', aliases: ['Sở Tư pháp', 'STP'] },
  { name: 'Sở Tài chính', aliases: ['Sở Tài chính', 'STC'] },
  {
    name: 'Sở Kế hoạch và Đầu tư',
    aliases: [
      'Sở Kế hoạch và Đầu tư',
      'Sở Kế hoạch - Đầu tư',
      'Sở Kế hoạch Đầu tư',
      'Sở KH&ĐT',
      'Sở KHĐT',
      'SKHĐT',
    ],
  },
  { name: 'Sở Công Thương', aliases: ['Sở Công Thương', 'SCT'] },
  {
    name: 'Sở Nông nghiệp và Phát triển nông thôn',
    aliases: [
      'Sở Nông nghiệp và Phát triển nông thôn',
      'Sở Nông nghiệp và PTNT',
      'Sở NN&PTNT',
      'Sở NNPTNT',
      'SNNPTNT',
    ],
  },
  { name: 'Sở Nông nghiệp và Môi trường', aliases: ['Sở Nông nghiệp và Môi trường', 'Sở NN&MT', 'SNNMT'] },
  {
    name: 'Sở Tài nguyên và Môi trường',
    aliases: ['Sở Tài nguyên và Môi trường', 'Sở Tài nguyên - Môi trường', 'Sở TN&MT', 'Sở TNMT', 'STNMT'],
  },
  { name: 'Sở Xây dựng', aliases: ['Sở Xây dựng', 'SXD'] },
  {
    name: 'Sở Giao thông vận tải',
    aliases: ['Sở Giao thông vận tải', 'Sở Giao thông - Vận tải', 'Sở GTVT', 'SGTVT'],
  },
  { name: 'Sở Khoa học và Công nghệ', aliases: ['Sở Khoa học và Công nghệ', 'Sở KH&CN', 'Sở KHCN', 'SKHCN'] },
  {
    name: 'Sở Thông tin và Truyền thông',
    aliases: ['Sở Thông tin và Truyền thông', 'Sở Thông tin - Truyền thông', 'Sở TT&TT', 'Sở TTTT', 'STTTT'],
  },
  {
    name: 'Sở Văn hóa, Thể thao và Du lịch',
    aliases: [
      'Sở Văn hóa, Thể thao và Du lịch',
      'Sở VH,TT&DL',
      'Sở VHTTDL',
      'SVHTTDL',
      'Sở Văn hóa và Thể thao',
    ],
  },
  { name: 'Sở Giáo dục và Đào tạo', aliases: ['Sở Giáo dục và Đào tạo', 'Sở GD&ĐT', 'Sở GDĐT', 'SGDĐT'] },
  { name: 'Sở Y tế', aliases: ['Sở Y tế', 'SYT'] },
  {
    name: 'Sở Lao động - Thương binh và Xã hội',
    aliases: ['Sở Lao động - Thương binh và Xã hội', 'Sở LĐ-TB&XH', 'Sở LĐTBXH', 'SLĐTBXH'],
  },
  { name: 'Sở Ngoại vụ', aliases: ['Sở Ngoại vụ'] },
  { name: 'Sở Du lịch', aliases: ['Sở Du lịch'] },
  { name: 'Sở Dân tộc và Tôn giáo', aliases: ['Sở Dân tộc và Tôn giáo'] },
  { name: 'Ban Dân tộc tỉnh', aliases: ['Ban Dân tộc'] },
  { name: 'Thanh tra tỉnh', aliases: ['Thanh tra tỉnh'] },
  { name: 'Công an tỉnh', aliases: ['Công an tỉnh'] },
  { name: 'Bộ Chỉ huy Quân sự tỉnh', aliases: ['Bộ Chỉ huy Quân sự tỉnh', 'Bộ CHQS tỉnh'] },
  { name: 'Bảo hiểm xã hội tỉnh', aliases: ['Bảo hiểm xã hội tỉnh', 'BHXH tỉnh'] },
  { name: 'Cục Thuế tỉnh', aliases: ['Cục Thuế tỉnh', 'Cục Thuế'] },
  { name: 'Kho bạc Nhà nước tỉnh', aliases: ['Kho bạc Nhà nước tỉnh', 'Kho bạc Nhà nước', 'KBNN tỉnh'] },
  {
    name: 'Ban Quản lý các khu công nghiệp',
    aliases: ['Ban Quản lý các khu công nghiệp', 'Ban Quản lý các KCN', 'Ban Quản lý Khu kinh tế'],
  },
  {
    name: 'Trung tâm Phục vụ hành chính công',
    aliases: ['Trung tâm Phục vụ hành chính công', 'Trung tâm hành chính công tỉnh', 'Trung tâm PVHCC'],
  },
  {
    name: 'Ban Chỉ đạo cải cách hành chính tỉnh',
    aliases: ['Ban Chỉ đạo cải cách hành chính', 'Ban Chỉ đạo CCHC'],
  },
  {
    name: 'Đài Phát thanh và Truyền hình tỉnh',
    aliases: ['Đài Phát thanh và Truyền hình', 'Đài PT-TH', 'Đài PTTH', 'Đài PT&TH'],
  },
  {
    name: 'Ủy ban MTTQ Việt Nam tỉnh',
    aliases: [
      'Ủy ban Mặt trận Tổ quốc Việt Nam',
      'Ủy ban Mặt trận Tổ quốc',
      'Ủy ban MTTQ Việt Nam',
      'Ủy ban MTTQ',
      'UB MTTQ',
      'UBMTTQ',
      'Mặt trận Tổ quốc',
    ],
  },
  {
    name: 'Các đoàn thể chính trị - xã hội',
    aliases: [
      'các đoàn thể chính trị - xã hội',
      'các tổ chức chính trị - xã hội',
      'các đoàn thể CT-XH',
      'các đoàn thể',
    ],
  },
  { name: 'HĐND tỉnh', aliases: ['HĐND tỉnh', 'Hội đồng nhân dân tỉnh', 'Thường trực HĐND tỉnh'] },
  { name: 'Tỉnh ủy', aliases: ['Tỉnh ủy', 'Ban Thường vụ Tỉnh ủy', 'Thường trực Tỉnh ủy'] },
  { name: 'Liên đoàn Lao động tỉnh', aliases: ['Liên đoàn Lao động tỉnh'] },
  { name: 'Tỉnh Đoàn', aliases: ['Tỉnh Đoàn', 'Tỉnh đoàn thanh niên'] },
  { name: 'Hội Liên hiệp Phụ nữ tỉnh', aliases: ['Hội Liên hiệp Phụ nữ tỉnh', 'Hội LHPN tỉnh'] },
  { name: 'Hội Nông dân tỉnh', aliases: ['Hội Nông dân tỉnh'] },
  {
    name: 'UBND cấp huyện',
    aliases: [
      'UBND cấp huyện',
      'Ủy ban nhân dân cấp huyện',
      'Chủ tịch UBND cấp huyện',
      'UBND các huyện, thị xã, thành phố',
      'UBND các huyện, thành phố, thị xã',
      'UBND các huyện, thành phố',
      'UBND các huyện, thị xã',
      'UBND huyện, thị xã, thành phố',
      'UBND huyện, thành phố',
      'UBND các quận, huyện, thị xã',
      'UBND các quận, huyện',
      'UBND các huyện',
      'Ủy ban nhân dân các huyện, thị xã, thành phố',
      'Ủy ban nhân dân các huyện, thành phố',
      'Chủ tịch UBND các huyện, thị xã, thành phố',
      'Chủ tịch UBND các huyện, thành phố',
      'Chủ tịch UBND các huyện',
    ],
  },
  {
    name: 'UBND cấp xã',
    aliases: [
      'UBND cấp xã',
      'Ủy ban nhân dân cấp xã',
      'Chủ tịch UBND cấp xã',
      'UBND các xã, phường, thị trấn',
      'UBND xã, phường, thị trấn',
      'UBND các xã, phường, đặc khu',
      'UBND các xã, phường',
      'UBND xã, phường',
      'UBND các xã',
      'Ủy ban nhân dân các xã, phường, thị trấn',
      'Ủy ban nhân dân xã, phường, thị trấn',
      'Chủ tịch UBND các xã, phường, thị trấn',
      'Chủ tịch UBND xã, phường, thị trấn',
      'Chủ tịch UBND các xã, phường, đặc khu',
      'Chủ tịch UBND các xã, phường',
      'Ủy ban nhân dân các xã, phường, đặc khu',
      'Ủy ban nhân dân các xã, phường',
    ],
  },
  { name: 'UBND huyện', aliases: ['UBND huyện', 'Ủy ban nhân dân huyện'] },
  { name: 'UBND xã', aliases: ['UBND xã', 'Ủy ban nhân dân xã'] },
  { name: 'UBND các cấp', aliases: ['UBND các cấp', 'Ủy ban nhân dân các cấp', 'Chủ tịch UBND các cấp'] },
  {
    name: 'Các sở, ban, ngành',
    aliases: [
      'các sở, ban, ngành',
      'sở, ban, ngành',
      'các sở, ban ngành',
      'các sở, ngành',
      'thủ trưởng các sở, ban, ngành',
      'các sở, ban, ngành tỉnh',
      'các sở, ban, ngành cấp tỉnh',
      'các sở, ban, ngành thuộc tỉnh',
      'thủ trưởng các cơ quan chuyên môn thuộc UBND tỉnh',
      'các cơ quan chuyên môn thuộc UBND tỉnh',
      'các cơ quan chuyên môn cấp tỉnh',
      'các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh',
    ],
  },
  { name: 'Các ngành, các cấp', aliases: ['các ngành, các cấp', 'các cấp, các ngành'] },
  {
    name: 'Các đơn vị sự nghiệp công lập',
    aliases: [
      'các đơn vị sự nghiệp công lập trực thuộc UBND tỉnh',
      'các đơn vị sự nghiệp trực thuộc UBND tỉnh',
      'các đơn vị sự nghiệp công lập',
    ],
  },
  // District and commune offices, for plans of a district or a commune.
  { name: 'Phòng Nội vụ', aliases: ['Phòng Nội vụ'] },
  { name: 'Phòng Tư pháp', aliases: ['Phòng Tư pháp'] },
  { name: 'Phòng Tài chính - Kế hoạch', aliases: ['Phòng Tài chính - Kế hoạch', 'Phòng TC-KH'] },
  { name: 'Phòng Tài nguyên và Môi trường', aliases: ['Phòng Tài nguyên và Môi trường', 'Phòng TN&MT'] },
  { name: 'Phòng Văn hóa và Thông tin', aliases: ['Phòng Văn hóa và Thông tin', 'Phòng VH&TT'] },
  { name: 'Phòng Giáo dục và Đào tạo', aliases: ['Phòng Giáo dục và Đào tạo', 'Phòng GD&ĐT'] },
  { name: 'Phòng Y tế', aliases: ['Phòng Y tế'] },
  {
    name: 'Phòng Kinh tế',
    aliases: ['Phòng Kinh tế', 'Phòng Kinh tế - Hạ tầng', 'Phòng Kinh tế và Hạ tầng'],
  },
  { name: 'Phòng Văn hóa - Xã hội', aliases: ['Phòng Văn hóa - Xã hội', 'Phòng Văn hóa Xã hội'] },
  { name: 'Thanh tra huyện', aliases: ['Thanh tra huyện'] },
  {
    name: 'Văn phòng HĐND và UBND',
    aliases: [
      'Văn phòng HĐND và UBND',
      'Văn phòng HĐND - UBND',
      'Văn phòng Hội đồng nhân dân và Ủy ban nhân dân',
    ],
  },
  {
    name: 'Bộ phận Một cửa',
    aliases: ['Bộ phận Một cửa', 'Bộ phận tiếp nhận và trả kết quả', 'Bộ phận TN&TKQ'],
  },
  { name: 'Công chức Văn phòng - Thống kê', aliases: ['công chức Văn phòng - Thống kê'] },
  { name: 'Công chức Tư pháp - Hộ tịch', aliases: ['công chức Tư pháp - Hộ tịch'] },
  { name: 'Công chức Địa chính', aliases: ['công chức Địa chính - Xây dựng', 'công chức Địa chính'] },
];

/** Short forms that name several units at once. */
export const GROUP_ALIASES: Array<{ alias: string; names: string[] }> = [
  { alias: 'các sở, ngành, địa phương', names: ['Các sở, ban, ngành', 'UBND cấp huyện'] },
  { alias: 'các sở, ban, ngành, địa phương', names: ['Các sở, ban, ngành', 'UBND cấp huyện'] },
  { alias: 'các sở, ngành và địa phương', names: ['Các sở, ban, ngành', 'UBND cấp huyện'] },
  { alias: 'các sở, ban, ngành và địa phương', names: ['Các sở, ban, ngành', 'UBND cấp huyện'] },
];

/**
 * Prefixes that become a specific unit when a proper name follows ("UBND huyện Lý Sơn", "UBND các
 * huyện Nghĩa Hành, Ba Tơ", "Báo Hưng Yên"); without a name they fall back to the table above.
 */
export const NAMED_UNIT_PREFIXES: Array<{ prefix: string; name: string }> = [
  { prefix: 'UBND các huyện', name: 'UBND huyện' },
  { prefix: 'UBND huyện', name: 'UBND huyện' },
  { prefix: 'Ủy ban nhân dân huyện', name: 'UBND huyện' },
  { prefix: 'UBND thị xã', name: 'UBND thị xã' },
  { prefix: 'UBND thành phố', name: 'UBND thành phố' },
  { prefix: 'Ủy ban nhân dân thành phố', name: 'UBND thành phố' },
  { prefix: 'UBND quận', name: 'UBND quận' },
  { prefix: 'UBND các xã', name: 'UBND xã' },
  { prefix: 'UBND xã', name: 'UBND xã' },
  { prefix: 'Ủy ban nhân dân xã', name: 'UBND xã' },
  { prefix: 'UBND phường', name: 'UBND phường' },
  { prefix: 'Ủy ban nhân dân phường', name: 'UBND phường' },
  { prefix: 'UBND thị trấn', name: 'UBND thị trấn' },
  { prefix: 'Báo', name: 'Báo' },
];

/** Words before a unit that do not change who leads ("Giám đốc Sở Nội vụ", "Đề nghị Ủy ban MTTQ"). */
export const LEAD_PREFIXES = [
  'đề nghị',
  'giao',
  'yêu cầu',
  'thủ trưởng',
  'giám đốc',
  'chủ tịch',
  'chánh',
  'lãnh đạo',
  'người đứng đầu',
  'đồng chí',
];

/** Words after a unit that still belong to it ("Sở Nội vụ tỉnh", "các cơ quan có liên quan"). */
export const UNIT_QUALIFIERS = [
  'trực thuộc UBND tỉnh',
  'thuộc UBND tỉnh',
  'trực thuộc',
  'thuộc tỉnh',
  'cấp tỉnh',
  'cấp huyện',
  'cấp xã',
  'các cấp',
  'có liên quan',
  'liên quan',
  'tỉnh',
  'huyện',
  'thị xã',
  'thành phố',
  'xã',
  'phường',
];
