import { parseArgs } from 'node:util';
import { AppError, msg } from '../../core/errors.ts';
import type { Database } from '../db/engine.ts';
import {
  type PublishResult,
  publishFederation,
  subscribeProvince,
  unpublishFederation,
  unsubscribeProvince,
} from './federation-commands.ts';
import { type FederationStatus, federationStatus } from './status.ts';

/** `npx chiso federation …`: the command line speaks Vietnamese (English in --json keys only). */

const when = (at: string | null) =>
  at ? new Date(at).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour12: false }) : 'chưa có';

const megabytes = (bytes: number | null) =>
  bytes === null ? '—' : `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;

export async function federationPublishCommand(database: Database, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      'replication-role': { type: 'string' },
      'password-file': { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const result = await publishFederation(database, {
    replicationRole: values['replication-role'],
    passwordFile: values['password-file'],
  });
  console.log(values.json ? JSON.stringify(result) : publishText(result));
  return 0;
}

function publishText(result: PublishResult): string {
  const role = result.roleName;
  return [
    `Tỉnh ${result.provinceCode} đang chia sẻ số liệu tổng hợp (publication chiso_federation${result.publicationCreated ? ', vừa tạo' : ', đã có'}).`,
    `Lần tính đầu: ${result.refresh.rows} dòng, ${result.refresh.changed} dòng thay đổi.`,
    '',
    'Chỉ các bảng tổng hợp trong schema federation được gửi đi: không có họ tên, số điện thoại, thư điện tử, nội dung phản ánh hay tệp minh chứng.',
    '',
    'Việc DBA của tỉnh cần làm để cấp quốc gia đăng ký:',
    result.roleReady
      ? `  1. Vai trò ${role} (LOGIN, REPLICATION, chỉ được đọc schema federation) đã được tạo/cập nhật.`
      : `  1. Tạo vai trò cho cấp quốc gia (LOGIN, REPLICATION, chỉ đọc schema federation):\n${result.roleSql.map((line) => `       ${line}`).join('\n')}`,
    '  2. Thêm vào pg_hba.conf (thay địa chỉ IP của máy chủ quốc gia), rồi reload PostgreSQL:',
    `       hostssl ${result.database} ${role} <IP-quốc-gia>/32 scram-sha-256`,
    '  3. Trong postgresql.conf: max_replication_slots và max_wal_senders ≥ 10 (mỗi nơi đăng ký dùng một slot, lúc sao chép ban đầu dùng thêm).',
    '  4. Mở cổng PostgreSQL (5432) cho máy chủ quốc gia trên tường lửa.',
    '  5. Gửi cho cấp quốc gia: địa chỉ máy chủ, cổng, tên cơ sở dữ liệu, vai trò và mật khẩu; bên đó chạy:',
    `       npx chiso federation subscribe --province ${result.provinceCode} --from postgres://${role}:MẬT_KHẨU@MÁY_CHỦ:5432/${result.database}`,
    '',
    'Lưu ý: khi cấp quốc gia ngừng kết nối, slot của họ giữ WAL trên đĩa của tỉnh cho đến khi họ đọc lại.',
    'Theo dõi bằng "npx chiso federation status"; slot bỏ hẳn thì xóa: select pg_drop_replication_slot(\'chiso_national_<mã>\');',
  ].join('\n');
}

export async function federationSubscribeCommand(database: Database, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { province: { type: 'string' }, from: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (!values.province || !values.from)
    throw new AppError(
      'VALIDATION_FAILED',
      msg(
        'Cách dùng: npx chiso federation subscribe --province MÃ --from postgres://vai_trò:mật_khẩu@máy_chủ:5432/csdl',
        'Usage: npx chiso federation subscribe --province CODE --from postgres://role:password@host:5432/db',
      ),
    );
  const result = await subscribeProvince(database, { provinceCode: values.province, from: values.from });
  console.log(
    values.json
      ? JSON.stringify(result)
      : result.created
        ? `Đã đăng ký nhận số liệu của tỉnh ${result.provinceCode} (subscription ${result.subscription}, slot ${result.slot} bên tỉnh). Số liệu hiện có đang được sao chép; theo dõi bằng "npx chiso federation status".`
        : `Tỉnh ${result.provinceCode} đã được đăng ký từ trước (subscription ${result.subscription}); đã bật lại nếu đang tắt.`,
  );
  return 0;
}

export async function federationUnsubscribeCommand(database: Database, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { province: { type: 'string' }, 'delete-rows': { type: 'boolean' }, json: { type: 'boolean' } },
  });
  if (!values.province)
    throw new AppError(
      'VALIDATION_FAILED',
      msg(
        'Cách dùng: npx chiso federation unsubscribe --province MÃ [--delete-rows]',
        'Usage: npx chiso federation unsubscribe --province CODE [--delete-rows]',
      ),
    );
  const result = await unsubscribeProvince(database, {
    provinceCode: values.province,
    deleteRows: values['delete-rows'] ?? false,
  });
  if (values.json) console.log(JSON.stringify(result));
  else {
    console.log(
      result.dropped
        ? `Đã hủy đăng ký tỉnh ${values.province}.`
        : `Tỉnh ${values.province} không có đăng ký nào ở đây.`,
    );
    if (result.slotLeft)
      console.log(
        `Không kết nối được tới tỉnh: slot ${result.slotLeft} vẫn còn bên tỉnh và giữ WAL. DBA của tỉnh cần chạy: select pg_drop_replication_slot('${result.slotLeft}');`,
      );
    if (values['delete-rows'])
      console.log(`Đã xóa ${result.deletedRows} dòng số liệu của tỉnh ${values.province}.`);
  }
  return 0;
}

export async function federationUnpublishCommand(database: Database, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
  const result = await unpublishFederation(database);
  if (values.json) console.log(JSON.stringify(result));
  else {
    console.log('Đã ngừng chia sẻ số liệu (publication chiso_federation đã xóa).');
    for (const slot of result.droppedSlots) console.log(`  Đã xóa slot ${slot} (không còn ai đọc).`);
    for (const slot of result.activeSlots)
      console.log(`  Slot ${slot} vẫn đang được đọc: xóa sau khi cấp quốc gia hủy đăng ký.`);
  }
  return 0;
}

export async function federationStatusCommand(database: Database, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
  const status = await federationStatus(database);
  console.log(values.json ? JSON.stringify(status) : statusText(status));
  return 0;
}

function statusText(status: FederationStatus): string {
  const lines: string[] = [];
  if (status.province) {
    const p = status.province;
    lines.push(
      `Tỉnh ${p.provinceCode ?? '(chưa tính)'}: ${p.publishing ? 'đang chia sẻ số liệu' : 'đã tắt chia sẻ'}, publication chiso_federation ${p.publication ? 'có' : 'chưa có'}.`,
      `  Tính lại lần cuối: ${when(p.refreshedAt)}; tín hiệu cuối: ${when(p.heartbeatAt)}.`,
      p.slots.length === 0 ? '  Chưa có nơi nào đăng ký (không có slot).' : '  Slot:',
      ...p.slots.map(
        (slot) =>
          `    ${slot.name}: ${slot.active ? 'đang đọc' : 'không ai đọc'}, giữ lại ${megabytes(slot.walHeldBytes)} WAL`,
      ),
    );
  }
  if (status.national) {
    lines.push(`Cấp quốc gia: ${status.national.length} tỉnh đăng ký.`);
    for (const p of status.national)
      lines.push(
        `  ${p.provinceCode} ${p.name ?? ''}: ${p.enabled ? 'đang nhận' : 'ĐÃ TẮT'}; ${p.freshness.vi}; tin nhắn cuối từ tỉnh ${when(p.lastMessageAt)}; số liệu tính lúc ${when(p.refreshedAt)}; Chiso ${p.chisoVersion ?? '—'} (${p.source})`,
      );
  }
  if (status.role === 'none')
    lines.push(
      'Cơ sở dữ liệu này chưa tham gia chia sẻ số liệu (chưa chạy federation publish hay subscribe).',
    );
  return lines.join('\n');
}
