import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, inLocale, type Msg } from '../../../core/errors.ts';
import { submitFeedbackSchema } from '../../../core/feedback/feedback-schemas.ts';
import { FEEDBACK_KIND_CODES, FEEDBACK_KINDS, type FeedbackKind } from '../../../core/feedback/kinds.ts';
import type { Db } from '../../db/engine.ts';
import { httpStatusOf } from '../../http/errors.ts';
import { type Html, html } from '../../public/html.ts';
import { fieldError, layout, link, type PageContext, pageContext, sendPage } from '../../public/layout.ts';
import { type Attachment, receiveForm } from '../feedback-attachments.ts';
import { submitPublic } from '../feedback-intake.ts';
import { formChoices } from '../feedback-public-list.ts';
import { parsed, publicContext } from '../feedback-public-routes.ts';
import {
  contentDigest,
  type FormTokens,
  isSpentToken,
  sentWithToken,
  spendFormToken,
  TOKEN_REFUSALS,
  tokenUsed,
} from './form-token.ts';
import { type Lang, say, W } from './words.ts';

/**
 * GET and POST /phan-anh: the citizen's form as plain HTML (multipart, for the photos). A refusal
 * shows the form again with everything typed kept (files cannot be: the page says so) and each
 * problem beside its field; a petition sent goes on (303) to its private page.
 */
type Choices = Awaited<ReturnType<typeof formChoices>>;

/** The form's fields in the order the page shows them (the first one with a problem gets the focus). */
const FIELDS = [
  'kind',
  'categoryCode',
  'communeCode',
  'text',
  'placeText',
  'lat',
  'contactPhone',
  'contactEmail',
  'contactAddress',
  'citizenName',
  'publishName',
  'keepLocation',
  'files',
] as const;
type Field = (typeof FIELDS)[number];

interface FormState {
  values: Record<string, string>;
  errors: Partial<Record<Field, string>>;
  /** Problems of the form as a whole (its token, the rate limit). */
  general: string[];
  /** Files were chosen (or refused): they must be chosen again. */
  filesAgain: boolean;
  formToken: string;
}

const HONEYPOT = 'website';

/** A coordinate as the reader writes numbers (a decimal comma in Vietnamese). */
const degrees = (value: string, lang: Lang) => (lang === 'vi' ? value.replace('.', ',') : value);

/**
 * The map point: two hidden fields the small script (`/phan-anh/vi-tri.js`) fills from the device's
 * location when the citizen asks. Without JavaScript or a location service the block stays hidden and
 * the form works as before; a point kept from a refused post, or refused itself, is shown.
 */
function locateField(ctx: PageContext, values: Record<string, string>, error: string | undefined): Html {
  const s = (message: Msg) => say(ctx.lang, message);
  const kept = values.lat && values.lng ? { lat: values.lat, lng: values.lng } : null;
  const wording = (message: Msg) => s(message).replace('{lat}', '%lat').replace('{lng}', '%lng');
  return html`<div class="field" id="locate"${kept || error ? null : html` hidden`}>
<p class="label" id="locate-title">${s(W.locate)} <span class="hint">${s(W.optional)}</span></p>
<p class="hint" id="lat-hint">${s(W.locateHint)}</p>
${fieldError('lat', error)}<input type="hidden" id="lat" name="lat" value="${values.lat ?? ''}"><input type="hidden" id="lng" name="lng" value="${values.lng ?? ''}">
<p id="locate-status" role="status">${
    kept
      ? html`${s(W.locateKept).replace('{lat}', degrees(kept.lat, ctx.lang)).replace('{lng}', degrees(kept.lng, ctx.lang))} <a href="https://www.openstreetmap.org/?mlat=${kept.lat}&amp;mlon=${kept.lng}#map=17/${kept.lat}/${kept.lng}" target="_blank" rel="noopener">${s(W.locateMap)}</a>`
      : null
  }</p>
<div class="buttons"><button type="button" id="locate-button" class="secondary" aria-describedby="lat-hint" data-busy="${s(W.locateBusy)}" data-done="${wording(W.locateDone).replace('{m}', '%m')}" data-denied="${s(W.locateDenied)}" data-failed="${s(W.locateFailed)}" data-map="${s(W.locateMap)}" data-commune="${s(W.locateCommune).replace('{name}', '%name')}" data-comma="${ctx.lang === 'vi' ? 'true' : 'false'}">${s(W.locateButton)}</button>
<button type="button" id="locate-clear" class="secondary"${kept ? null : html` hidden`}>${s(W.locateClear)}</button></div>
</div>
<script src="/phan-anh/vi-tri.js" defer></script>`;
}

function formPage(ctx: PageContext, choices: Choices, state: FormState, smsEnabled: boolean): Html {
  const { lang } = ctx;
  const s = (message: Msg) => say(lang, message);
  const { values, errors } = state;
  const firstInvalid = FIELDS.find((field) => errors[field]);
  const kind = (values.kind as FeedbackKind | undefined) ?? 'pakn_general';
  /** id, name, the error and hint it is described by, invalid and focus marks. */
  const control = (field: Field, hint = false) => {
    const describedBy = [errors[field] && `${field}-error`, hint && `${field}-hint`]
      .filter(Boolean)
      .join(' ');
    return html`id="${field}" name="${field}"${describedBy ? html` aria-describedby="${describedBy}"` : null}${
      errors[field] ? html` aria-invalid="true"` : null
    }${firstInvalid === field ? html` autofocus` : null}`;
  };
  const text = (field: Field, label: Msg, type: string, autocomplete: string, extra: Html | null = null) =>
    html`<div class="field"><label for="${field}">${s(label)} <span class="hint">${s(W.optional)}</span></label>
${fieldError(field, errors[field])}<input type="${type}" ${control(field)} autocomplete="${autocomplete}" value="${values[field] ?? ''}"${extra}></div>`;
  const check = (field: Field, label: Msg, hint: Msg) =>
    html`<label class="check" for="${field}"><input type="checkbox" ${control(field, true)} value="true"${
      ['true', 'on', '1'].includes(values[field] ?? '') ? html` checked` : null
    }><span>${s(label)}<span class="hint" id="${field}-hint">${s(hint)}</span></span></label>${fieldError(field, errors[field])}`;
  const problems = FIELDS.filter((field) => errors[field]);
  const summary =
    problems.length > 0 || state.general.length > 0
      ? html`<div class="alert bad" role="alert"><p><strong>${s(W.notSent)}</strong></p>${state.general.map(
          (line) => html`<p>${line}</p>`,
        )}${
          problems.length > 0
            ? html`<ul>${problems.map((field) => html`<li><a href="#${field}">${errors[field]}</a></li>`)}</ul>`
            : null
        }${state.filesAgain ? html`<p>${s(W.filesAgain)}</p>` : null}</div>`
      : null;
  const body = html`<h1>${s(W.formTitle)}</h1>
<p>${s(W.formIntro)}</p>
${summary}
<form method="post" action="${link(ctx, '/phan-anh')}" enctype="multipart/form-data" class="card">
<input type="hidden" name="formToken" value="${state.formToken}">
<div class="hp" aria-hidden="true"><label for="${HONEYPOT}">${s(W.honeypot)}</label><input type="text" id="${HONEYPOT}" name="${HONEYPOT}" tabindex="-1" autocomplete="off" value=""></div>
<fieldset${errors.kind ? html` aria-describedby="kind-error"` : null}><legend>${s(W.kindLegend)} <span class="hint">${s(W.required)}</span></legend>
${fieldError('kind', errors.kind)}
${FEEDBACK_KIND_CODES.map(
  (code) =>
    html`<label class="check" for="kind-${code}"><input type="radio" id="kind-${code}" name="kind" value="${code}" aria-describedby="kind-${code}-hint"${
      code === kind ? html` checked` : null
    }${firstInvalid === 'kind' && code === kind ? html` autofocus` : null}><span>${inLocale(FEEDBACK_KINDS[code], lang)}<span class="hint" id="kind-${code}-hint">${s(W[`kindHint_${code}`])}</span></span></label>`,
)}
</fieldset>
<div class="field"><label for="categoryCode">${s(W.category)} <span class="hint">${s(W.required)}</span></label>
${fieldError('categoryCode', errors.categoryCode)}<select ${control('categoryCode')} required>
<option value="">${s(W.chooseCategory)}</option>
${choices.categories.map(
  (category) =>
    html`<option value="${category.code}"${category.code === values.categoryCode ? html` selected` : null}>${inLocale(category, lang)}</option>`,
)}
</select></div>
<div class="field"><label for="communeCode">${s(W.commune)} <span class="hint">${s(W.required)}</span></label>
<p class="hint" id="communeCode-hint">${s(W.communeHint)}</p>
${fieldError('communeCode', errors.communeCode)}<select ${control('communeCode', true)} required>
<option value="">${s(W.chooseCommune)}</option>
${choices.communes.map(
  (commune) =>
    html`<option value="${commune.code}"${commune.code === values.communeCode ? html` selected` : null}>${commune.name}</option>`,
)}
</select></div>
<div class="field"><label for="text">${s(W.text)} <span class="hint">${s(W.required)}</span></label>
<p class="hint" id="text-hint">${s(W.textHint)}</p>
${fieldError('text', errors.text)}<textarea ${control('text', true)} rows="7" maxlength="5000" required>${values.text ?? ''}</textarea></div>
<div class="field"><label for="placeText">${s(W.place)} <span class="hint">${s(W.optional)}</span></label>
<p class="hint" id="placeText-hint">${s(W.placeHint)}</p>
${fieldError('placeText', errors.placeText)}<input type="text" ${control('placeText', true)} maxlength="300" value="${values.placeText ?? ''}"></div>
${locateField(ctx, values, errors.lat)}
<fieldset><legend>${s(W.contactLegend)}</legend>
<p class="hint">${s(smsEnabled ? W.contactHintSms : W.contactHint)}</p>
${text('contactPhone', W.phone, 'tel', 'tel', html` inputmode="tel"`)}
${text('contactEmail', W.email, 'email', 'email')}
${text('contactAddress', W.address, 'text', 'street-address')}
${text('citizenName', W.name, 'text', 'name')}
${check('publishName', W.publishName, W.publishNameHint)}
</fieldset>
<fieldset><legend>${s(W.filesLegend)} <span class="hint">${s(W.optional)}</span></legend>
<div class="field"><label for="files">${s(W.files)}</label>
<p class="hint" id="files-hint">${s(W.filesHint)}</p>
${state.filesAgain ? html`<p class="error">${s(W.filesAgain)}</p>` : null}
${fieldError('files', errors.files)}<input type="file" ${control('files', true)} multiple accept="image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf"></div>
${check('keepLocation', W.keepLocation, W.keepLocationHint)}
</fieldset>
<div class="buttons"><button type="submit">${s(W.send)}</button></div>
</form>`;
  return layout(ctx, { title: s(W.formTitle), body, section: 'feedback' });
}

/** GET /phan-anh: the empty form with a fresh token. */
/** What the form's routes are set up with: its tokens, and whether a phone number gets text messages. */
export interface FormSetup {
  tokens: FormTokens;
  smsEnabled: boolean;
}

export async function showForm(request: FastifyRequest, reply: FastifyReply, db: Db, setup: FormSetup) {
  const { tokens } = setup;
  const ctx = pageContext(request);
  const state: FormState = {
    values: {},
    errors: {},
    general: [],
    filesAgain: false,
    formToken: tokens.issue(request.server.clock()),
  };
  return sendPage(reply, 200, formPage(ctx, await formChoices(db), state, setup.smsEnabled));
}

/** The text fields of a form sent urlencoded or as JSON (a multipart one is read by `receiveForm`). */
function textFields(body: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (body && typeof body === 'object')
    for (const [key, value] of Object.entries(body))
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
        fields[key] = String(value);
  return fields;
}

/** A refusal of the form as a whole (its token, its hidden field): shown above it. */
const refusal = (message: Msg) =>
  new AppError('VALIDATION_FAILED', message, { fields: [{ path: 'form', message }] });

/** Where a refusal's problem is shown: beside its field, or above the form. */
function fieldOf(path: string): Field | null {
  const head = path.split('.')[0] ?? '';
  // The map point's two halves are one field on the page.
  if (head === 'lng') return 'lat';
  return (FIELDS as readonly string[]).includes(head) ? (head as Field) : null;
}

/** The token was spent by an earlier petition (`spendFormToken`'s refusal). */
const isSpent = (error: AppError) => error.details.fields?.[0]?.path === 'formToken';

/** POST /phan-anh: checks the form's token and honeypot, then sends through the intake. */
export async function submitForm(request: FastifyRequest, reply: FastifyReply, db: Db, setup: FormSetup) {
  const { tokens } = setup;
  const ctx = pageContext(request);
  const now = request.server.clock();
  const values: Record<string, string> = {};
  let files: Attachment[] = [];
  let keepToken = false;
  try {
    if (request.isMultipart()) files = (await receiveForm(request, values)).files;
    else Object.assign(values, textFields(request.body));
    const checked = tokens.check(values.formToken, now);
    // A good token not yet spent stays with the form shown again (a citizen correcting a field is not
    // made to wait again); too early, it becomes good in a moment. A bad, expired or spent one is replaced.
    keepToken = checked.ok || checked.refusal === 'too_fast';
    if (!checked.ok) throw refusal(TOKEN_REFUSALS[checked.refusal]);
    if (values[HONEYPOT]) throw refusal(W.honeypotFilled);
    const input = parsed(submitFeedbackSchema, values);
    // The private link's token is derived from the form token, the address and the content, so the
    // same post sent twice (a double click) is answered with the first one's confirmation
    // (form-token.ts, RESEND_MS); a spent token posted otherwise is refused.
    const token = tokens.privateLinkToken(checked.nonce, request.ip, contentDigest(input, files));
    const sentBefore = async () => {
      const earlier = await sentWithToken(db, input, token, now);
      if (!earlier) throw tokenUsed();
      return earlier;
    };
    let answer = (await isSpentToken(db, checked.nonce))
      ? await sentBefore()
      : await submitPublic(publicContext(request, db), input, files, {
          within: (tx) => spendFormToken(tx, checked, now),
          token,
        }).catch((error: unknown) => {
          // Both posts at once: the second waited for the first's transaction and found its token spent.
          if (error instanceof AppError && isSpent(error)) return sentBefore();
          throw error;
        });
    // … or the first was stored between the check above and the intake's repeat check.
    if (answer.duplicate) answer = (await sentWithToken(db, input, token, now)) ?? answer;
    if (answer.duplicate) {
      const body = html`<h1>${say(ctx.lang, W.duplicateTitle)}</h1>
<div class="alert info" role="status"><p>${inLocale(answer.message, ctx.lang)}</p>
<p><a href="${link(ctx, `/phan-anh/${answer.code}`)}">${say(ctx.lang, W.seePublicPage)} ${answer.code}</a></p></div>`;
      return sendPage(reply, 200, layout(ctx, { title: say(ctx.lang, W.duplicateTitle), body }));
    }
    const next = `${answer.link}&done=sent${ctx.chosen ? `&lang=${ctx.lang}` : ''}`;
    return reply.header('cache-control', 'no-store').redirect(next, 303);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const state: FormState = {
      values: { ...values, [HONEYPOT]: '' },
      errors: {},
      general: [],
      filesAgain: files.length > 0,
      formToken: keepToken && !isSpent(error) ? (values.formToken as string) : tokens.issue(now),
    };
    const isFileError = error.code === 'PAYLOAD_TOO_LARGE' || error.code === 'UNSUPPORTED_FILE';
    const issues = error.details.fields ?? [{ path: isFileError ? 'files' : '', message: error.text }];
    for (const issue of issues) {
      const field = fieldOf(issue.path);
      const text = inLocale(issue.message, ctx.lang);
      if (field && !state.errors[field]) state.errors[field] = text;
      else if (!field) state.general.push(text);
    }
    // A file refused (by type, size or count) names itself in the error's own text.
    if (isFileError && error.details.fields) state.errors.files = inLocale(error.text, ctx.lang);
    if (state.errors.files) state.filesAgain = true;
    if (error.details.refusal === 'unsigned_complaint') state.general.push(say(ctx.lang, W.complaintWhere));
    return sendPage(
      reply,
      httpStatusOf(error.code),
      formPage(ctx, await formChoices(db), state, setup.smsEnabled),
    );
  }
}
