/**
 * Files from old one-stop systems may be in the pre-Unicode Vietnamese encodings TCVN3 (ABC) or VNI,
 * which decode as plausible Latin-1 garbage ("Së Néi vô", "Sôû Noäi vuï"). Detect them so an import can
 * refuse with a clear message instead of storing mojibake.
 */

import { type Msg, msg } from '../errors.ts';
export type TextEncodingVerdict = 'utf8' | 'tcvn3' | 'vni' | 'unknown';

// Letters TCVN3 puts in the Latin-1 range for ă â đ ê ô ơ ư and toned vowels, common in any Vietnamese text.
const TCVN3_MARKERS = /[¸¹µ¶·ÆÇÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÝÞßãåæçèéêëìíîïðñòóôõöøùúûüýþ¨©ª«¬®]/g;
// VNI writes a base letter followed by a tone/shape byte: "aø", "oä", "öô", "ñ" for đ.
const VNI_PAIRS = /[aeiouyAEIOUY][àáâãäåæçèéêëìíîïòóôõöøùúûüý]|[ñÑ][aeiouAEIOU]/g;

/** Decides how a file's bytes are encoded, from the bytes themselves. */
export function detectVietnameseEncoding(bytes: Uint8Array): TextEncodingVerdict {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf8';
  } catch {
    const text = new TextDecoder('latin1').decode(bytes.subarray(0, 64 * 1024));
    const vni = text.match(VNI_PAIRS)?.length ?? 0;
    const tcvn3 = text.match(TCVN3_MARKERS)?.length ?? 0;
    if (vni === 0 && tcvn3 === 0) return 'unknown';
    return vni > tcvn3 ? 'vni' : 'tcvn3';
  }
}

export const ENCODING_MESSAGES: Record<Exclude<TextEncodingVerdict, 'utf8'>, Msg> = {
  tcvn3: msg(
    'Tệp được lưu bằng bảng mã TCVN3 (ABC), không phải Unicode. Hãy chuyển sang Unicode UTF-8 (ví dụ bằng Unikey: Công cụ chuyển mã) rồi nhập lại.',
    'The file is saved in the TCVN3 (ABC) encoding, not Unicode. Convert it to Unicode UTF-8 (e.g. with Unikey’s converter) and import it again.',
  ),
  vni: msg(
    'Tệp được lưu bằng bảng mã VNI, không phải Unicode. Hãy chuyển sang Unicode UTF-8 (ví dụ bằng Unikey: Công cụ chuyển mã) rồi nhập lại.',
    'The file is saved in the VNI encoding, not Unicode. Convert it to Unicode UTF-8 (e.g. with Unikey’s converter) and import it again.',
  ),
  unknown: msg(
    'Tệp không phải mã Unicode UTF-8. Hãy lưu lại tệp với mã hóa UTF-8 rồi nhập lại.',
    'The file is not Unicode UTF-8. Save it again as UTF-8 and import it again.',
  ),
};
