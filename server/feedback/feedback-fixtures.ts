import { eq } from 'drizzle-orm';
import { feedbackItems } from '../db/schema/index.ts';
import type { Session, TestApp } from '../test/harness.ts';

/**
 * What the feedback tests send as a citizen would: the public form as JSON or as multipart with
 * files, from an address of their own (the rate limit counts per address), and small photos.
 */
let addressSequence = 0;
/** A fresh caller address, so one test's submissions do not count against another's. */
export function freshAddress(): string {
  addressSequence += 1;
  return `10.${Math.floor(addressSequence / 250) % 250}.${addressSequence % 250}.${(process.pid % 250) + 1}`;
}

let textSequence = 0;
export function petition(overrides: Record<string, unknown> = {}) {
  textSequence += 1;
  return {
    kind: 'pakn_general',
    categoryCode: 'infrastructure',
    communeCode: '11953',
    text: `Đèn đường ở ngõ ${textSequence} phố Nguyễn Văn Linh hỏng đã hai tuần, buổi tối rất tối.`,
    citizenName: 'Nguyễn Văn An',
    contactPhone: '0912 345 678',
    ...overrides,
  };
}

export async function submitJson(t: TestApp, body: unknown, address = freshAddress()) {
  const reply = await t.app.inject({
    method: 'POST',
    url: '/api/public/feedback',
    payload: body as object,
    remoteAddress: address,
  });
  return { status: reply.statusCode, json: reply.json(), headers: reply.headers };
}

/** A multipart/form-data body as a browser sends a form: its text fields, then its files as "files". */
export function multipartBody(fields: Record<string, string>, files: { name: string; content: Buffer }[]) {
  const boundary = '----chisofeedback';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  for (const file of files)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
  };
}

export async function submitMultipart(
  t: TestApp,
  fields: Record<string, string>,
  files: { name: string; content: Buffer }[],
  address = freshAddress(),
) {
  const reply = await t.app.inject({
    method: 'POST',
    url: '/api/public/feedback',
    ...multipartBody(fields, files),
    remoteAddress: address,
  });
  return { status: reply.statusCode, json: reply.json() };
}

/** The GPS latitude 21° 0' 36" as EXIF rationals, recognisable in the stored bytes. */
export const LATITUDE = Buffer.from([
  0, 0, 0, 21, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 36, 0, 0, 0, 1,
]);
export const XMP_LOCATION = '<exif:GPSLatitude>21,0.6N</exif:GPSLatitude>';

/**
 * The APP1 segments a camera writes: EXIF (big-endian TIFF) with an orientation and a GPS directory
 * holding a latitude, and XMP repeating it.
 */
export function locationSegments(): Buffer {
  // TIFF header (8) + IFD0: count, 2 entries, next-IFD (2 + 24 + 4 = 30) → GPS IFD at 38.
  const tiff = Buffer.alloc(38 + 2 + 12 + 4 + 24);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(2, 8);
  // Orientation (0x0112), SHORT, 1, value 6.
  tiff.writeUInt16BE(0x0112, 10);
  tiff.writeUInt16BE(3, 12);
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(6, 18);
  // GPS IFD pointer (0x8825), LONG, 1, offset 38.
  tiff.writeUInt16BE(0x8825, 22);
  tiff.writeUInt16BE(4, 24);
  tiff.writeUInt32BE(1, 26);
  tiff.writeUInt32BE(38, 30);
  tiff.writeUInt32BE(0, 34);
  // GPS IFD: one entry, GPSLatitude (2), RATIONAL (5), 3 values at offset 56.
  tiff.writeUInt16BE(1, 38);
  tiff.writeUInt16BE(2, 40);
  tiff.writeUInt16BE(5, 42);
  tiff.writeUInt32BE(3, 44);
  tiff.writeUInt32BE(56, 48);
  tiff.writeUInt32BE(0, 52);
  LATITUDE.copy(tiff, 56);
  const exif = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const xmp = Buffer.concat([
    Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1'),
    Buffer.from(`<x:xmpmeta>${XMP_LOCATION}</x:xmpmeta>`),
  ]);
  const segment = (marker: number, body: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt8(0xff, 0);
    head.writeUInt8(marker, 1);
    head.writeUInt16BE(body.length + 2, 2);
    return Buffer.concat([head, body]);
  };
  return Buffer.concat([segment(0xe1, exif), segment(0xe1, xmp)]);
}

/** A real JPEG (a screenshot, say) with the camera's location segments put in after its start. */
export function withLocation(jpeg: Buffer): Buffer {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG');
  return Buffer.concat([jpeg.subarray(0, 2), locationSegments(), jpeg.subarray(2)]);
}

/** A small JPEG with the location segments; the picture data is a stand-in after the start of scan. */
export function jpegWithLocation(): Buffer {
  const scan = Buffer.from([0xff, 0xda, 0, 6, 1, 2, 3, 4]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    locationSegments(),
    scan,
    Buffer.from([9, 8, 7, 6, 0xff, 0xd9]),
  ]);
}

/** The citizen's form as a browser gets it (/phan-anh): its HTML and the one-use token it carries. */
export async function openCitizenForm(t: TestApp, url = '/phan-anh', headers: Record<string, string> = {}) {
  const page = await t.app.inject({ url, headers });
  const token = page.body.match(/name="formToken" value="([^"]+)"/)?.[1];
  if (!token) throw new Error(`no form token in ${page.statusCode} ${page.body.slice(0, 200)}`);
  return { page, token };
}

/** The form sent as a browser sends it (multipart), from an address of its own. */
export function postCitizenForm(
  t: TestApp,
  fields: Record<string, string>,
  files: { name: string; content: Buffer }[] = [],
  url = '/phan-anh',
) {
  return t.app.inject({
    method: 'POST',
    url,
    ...multipartBody(fields, files),
    remoteAddress: freshAddress(),
  });
}

/** A petition sent through the public API from an address of its own, with its record's id; a refusal fails the test. */
export async function sendPetition(t: TestApp, overrides: Record<string, unknown> = {}) {
  const sent = await submitJson(t, petition(overrides));
  if (sent.status !== 201) throw new Error(`submit: ${sent.status} ${JSON.stringify(sent.json)}`);
  const [row] = await t.database.db
    .select({ id: feedbackItems.id, dueOn: feedbackItems.dueOn })
    .from(feedbackItems)
    .where(eq(feedbackItems.code, sent.json.code));
  return {
    id: row?.id as number,
    code: sent.json.code as string,
    token: sent.json.token as string,
    dueOn: row?.dueOn as string,
  };
}

/** A staff step taken at the version the session reads now: its answer, whatever it is. */
export async function tryStep(session: Session, id: number, body: Record<string, unknown>) {
  const { version } = (await session.request('GET', `/api/feedback/${id}`)).json;
  return session.request('POST', `/api/feedback/${id}/actions`, { ...body, version });
}

/** The same step, which must be taken: a refusal fails the test, naming it. */
export async function takeStep(session: Session, id: number, body: Record<string, unknown>) {
  const reply = await tryStep(session, id, body);
  if (reply.status !== 200) throw new Error(`${body.type}: ${reply.status} ${JSON.stringify(reply.json)}`);
  return reply.json;
}
