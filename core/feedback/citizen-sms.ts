/**
 * The text message that tells a citizen who left only a phone number what became of their petition:
 * the same steps as the e-mail (`MAILED_STEPS`), in one SMS of at most 160 characters of the GSM
 * alphabet, so without diacritics (as Vietnamese service messages are sent), ending with the public
 * page of the petition. A detail that would not fit (a long unit name) is left out, never the link.
 */

import { formatDateVi } from '../text/dates.ts';
import { withoutDiacritics } from '../text/vietnamese.ts';
import type { CitizenMailInput } from './citizen-mail.ts';
import { FEEDBACK_OUTCOMES, FEEDBACK_STEP_NAMES } from './workflow.ts';

export const SMS_LIMIT = 160;

export function citizenSms(input: CitizenMailInput): string {
  const step = FEEDBACK_STEP_NAMES[input.action]?.vi ?? 'Cập nhật';
  const detail =
    input.action === 'answer' && input.outcome
      ? ` (${FEEDBACK_OUTCOMES[input.outcome].vi})`
      : input.action === 'forward'
        ? `: ${input.unitName}`
        : input.action === 'extend' && input.dueOn
          ? ` đến ${formatDateVi(input.dueOn)}`
          : '';
  const link = `${input.publicUrl}/phan-anh/${input.code}`;
  const text = (withDetail: boolean) =>
    withoutDiacritics(`Phản ánh ${input.code}: ${step}${withDetail ? detail : ''}. Xem: ${link}`);
  const full = text(true);
  return full.length <= SMS_LIMIT ? full : text(false);
}
