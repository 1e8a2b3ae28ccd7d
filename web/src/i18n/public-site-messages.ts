/** The labels of what staff put on the public site (a plan's switch, a round's publication), vi and en. */
export const PUBLIC_SITE_MESSAGES = {
  planPublic: { vi: 'Đang công khai', en: 'Public' },
  planPublicSince: { vi: 'Công khai từ {date}', en: 'Public since {date}' },
  planPublish: { vi: 'Công khai', en: 'Make public' },
  planUnpublish: { vi: 'Thôi công khai', en: 'Take off the public site' },
  planPublishTitle: { vi: 'Công khai kế hoạch?', en: 'Make the plan public?' },
  planPublishWhat: {
    vi: 'Người dân sẽ xem được {plan} trên trang công khai, không cần đăng nhập: {tasks} nhiệm vụ với cơ quan chủ trì, thời hạn, trạng thái, tiến độ, và nội dung các đơn vị đã báo cáo (trong báo cáo đã được tiếp nhận) của {reported} nhiệm vụ. Ghi chú nội bộ, tệp minh chứng và báo cáo chưa tiếp nhận không được công khai. Có thể thôi công khai bất cứ lúc nào.',
    en: 'Citizens will see {plan} on the public site without signing in: {tasks} tasks with their lead units, deadlines, status and progress, and what units reported (in accepted reports) on {reported} tasks. Internal notes, evidence files and reports not yet accepted are never public. It can be taken off at any time.',
  },
  planUnpublishTitle: { vi: 'Thôi công khai kế hoạch?', en: 'Take the plan off the public site?' },
  planUnpublishWhat: {
    vi: '{plan} sẽ không còn trên trang công khai và trong dữ liệu mở từ lần xem tiếp theo. Kế hoạch vẫn giữ nguyên trong hệ thống; có thể công khai lại.',
    en: '{plan} leaves the public site and the open data at the next reading. The plan itself stays as it is; it can be made public again.',
  },
  publicPagePreview: { vi: 'Xem trước trang công khai', en: 'Preview the public page' },
  publicPageOpen: { vi: 'Xem trên trang công khai', en: 'Open on the public site' },
  planDraftNotPublic: {
    vi: 'Dự thảo không công khai được: ban hành trước.',
    en: 'A draft cannot be made public: issue it first.',
  },
  unitContactsTitle: { vi: 'Thông tin liên hệ công khai', en: 'Public contacts' },
  unitContactsNav: { vi: 'Liên hệ công khai', en: 'Public contacts' },
  unitContactsHelp: {
    vi: 'Người dân xem các thông tin này trên trang công khai (mục Liên hệ) để biết ai đứng đầu đơn vị và liên hệ bằng cách nào. Đơn vị tự cập nhật; mọi thay đổi được lưu ngay và ghi nhật ký.',
    en: 'Citizens read these on the public site (Contacts) to know who heads the unit and how to reach them. The unit keeps them current; every change is saved at once and logged.',
  },
  unitContactsReadOnly: {
    vi: 'Bạn chỉ xem được thông tin liên hệ của đơn vị này.',
    en: 'You may only read this unit’s contacts.',
  },
  unitContacts_headName: { vi: 'Họ tên người đứng đầu', en: 'Head’s full name' },
  unitContacts_headTitle: { vi: 'Chức vụ', en: 'Title' },
  unitContacts_headPhone: { vi: 'Điện thoại công khai', en: 'Public phone' },
  unitContacts_headEmail: { vi: 'Thư điện tử công khai', en: 'Public e-mail' },
  unitContacts_address: { vi: 'Địa chỉ trụ sở', en: 'Office address' },
  unitContactsPublic: { vi: 'Xem trang Liên hệ công khai', en: 'Open the public contacts page' },
  siteEmblemTitle: { vi: 'Biểu trưng trên trang công khai', en: 'Emblem on the public site' },
  siteEmblemHelp: {
    vi: 'Hiện bên cạnh tên tỉnh ở đầu mọi trang công khai. Ảnh PNG hoặc JPEG, vuông, tối đa 200 KB.',
    en: 'Shown beside the province’s name at the top of every public page. A square PNG or JPEG, 200 KB at most.',
  },
  siteEmblemAlt: { vi: 'Biểu trưng đang dùng', en: 'The emblem in use' },
  siteEmblemUpload: { vi: 'Tải biểu trưng lên', en: 'Upload an emblem' },
  siteEmblemReplace: { vi: 'Thay biểu trưng', en: 'Replace the emblem' },
  siteEmblemRemove: { vi: 'Bỏ biểu trưng', en: 'Remove the emblem' },
  siteEmblemRemoveTitle: { vi: 'Bỏ biểu trưng?', en: 'Remove the emblem?' },
  siteEmblemRemoveWhat: {
    vi: 'Các trang công khai chỉ còn tên tỉnh, không có biểu trưng, từ lần xem tiếp theo. Có thể tải lại bất cứ lúc nào.',
    en: 'The public pages show the province’s name alone from the next reading. An emblem can be uploaded again at any time.',
  },
} as const;
