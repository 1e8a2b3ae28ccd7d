/** The digital signatures of a file, shown beside it wherever files are listed (SignatureBadge). */
export const FILE_SIGNATURE_MESSAGES = {
  planSourceFile: { vi: 'Tệp gốc', en: 'Source file' },
  signatureValid: { vi: 'Đã ký số — hợp lệ', en: 'Digitally signed — valid' },
  signatureUntrusted: {
    vi: 'Đã ký số — chưa xác định được nguồn tin cậy',
    en: 'Digitally signed — source not established as trusted',
  },
  signatureBroken: { vi: 'Chữ ký không hợp lệ', en: 'Invalid signature' },
  signatureBrokenEdited: { vi: 'tệp đã bị sửa sau khi ký', en: 'the file was changed after signing' },
  signatureBrokenDamaged: {
    vi: 'chữ ký bị hỏng hoặc không khớp với chứng thư số',
    en: 'the signature is damaged or does not match its certificate',
  },
  signatureNone: { vi: 'Không có chữ ký số', en: 'Not digitally signed' },
  signatureUnchecked: { vi: 'Chưa kiểm tra chữ ký số', en: 'Signatures not checked yet' },
  signatureDetails: { vi: 'Chi tiết chữ ký số của', en: 'Digital signatures of' },
  signatureSigner: { vi: 'Người ký', en: 'Signer' },
  signatureOrganisation: { vi: 'Tổ chức', en: 'Organisation' },
  signatureIssuer: { vi: 'Chứng thư do', en: 'Certificate issued by' },
  signatureTime: { vi: 'Thời điểm ký', en: 'Signed at' },
  signatureTimestamped: { vi: '(có dấu thời gian)', en: '(timestamped)' },
  signatureIntact: { vi: 'Nguyên vẹn', en: 'Intact' },
  signatureTrusted: { vi: 'Tin cậy', en: 'Trusted' },
  signatureReason: { vi: 'Lý do', en: 'Why' },
  signatureUnknown: { vi: 'không rõ', en: 'unknown' },
  signatureYes: { vi: 'Có', en: 'Yes' },
  signatureNo: { vi: 'Không', en: 'No' },
  signatureLaterSignatures: {
    vi: 'Sau chữ ký này tệp chỉ được thêm chữ ký khác.',
    en: 'After this signature only other signatures were added.',
  },
};
