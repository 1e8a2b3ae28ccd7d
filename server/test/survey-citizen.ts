import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TestApp } from './harness.ts';

/**
 * A citizen's phone without JavaScript, for the survey pages: a cookie jar, plain GETs and urlencoded
 * form posts, an address and a browser of its own (the rate limit and the repeat flag count by them).
 */
export interface Citizen {
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, fields: Record<string, string>): Promise<LightMyRequestResponse>;
  cookies: Map<string, string>;
}

let addresses = 0;
/** An address no other citizen of the run has used. */
export const freshCitizenAddress = () => {
  addresses += 1;
  return `10.77.${Math.floor(addresses / 250)}.${(addresses % 250) + 1}`;
};

export function citizen(t: TestApp, options: { address?: string; userAgent?: string } = {}): Citizen {
  const cookies = new Map<string, string>();
  const remoteAddress = options.address ?? freshCitizenAddress();
  const userAgent = options.userAgent ?? 'Mozilla/5.0 (Linux; Android 8.1; itel A16) Opera Mini';
  const headers = () => ({
    'user-agent': userAgent,
    ...(cookies.size > 0 && { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') }),
  });
  const keep = (response: LightMyRequestResponse) => {
    for (const cookie of response.cookies) {
      const expired = cookie.expires !== undefined && cookie.expires.getTime() <= Date.now();
      if (cookie.value === '' || expired || cookie.maxAge === 0) cookies.delete(cookie.name);
      else cookies.set(cookie.name, cookie.value);
    }
    return response;
  };
  return {
    cookies,
    get: async (url) => keep(await t.app.inject({ method: 'GET', url, headers: headers(), remoteAddress })),
    post: async (url, fields) =>
      keep(
        await t.app.inject({
          method: 'POST',
          url,
          headers: { ...headers(), 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams(fields).toString(),
          remoteAddress,
        }),
      ),
  };
}

/** The value of a hidden or text input on a page. */
export const inputValue = (body: string, name: string) =>
  body.match(new RegExp(`name="${name}" value="([^"]*)"`))?.[1] ?? null;

/** The answers of each screen when the citizen applied online (KENH = 2): eight screens. */
export const ONLINE: Record<string, string>[] = [
  { KENH: '2' },
  { 'DV1.1': '5', 'DV1.2': '4', 'DV1.3': '4', 'DV1.4': '3', 'DV1.5': '2', 'DV1.GY': 'Cần thêm ghế <chờ>' },
  { 'DV2.1': '4', 'DV2.2': '4', 'DV2.3': '5', 'DV2.4': '', 'DV2.GY': '' },
  { 'DV3.1': '5', 'DV3.2': '5', 'DV3.3': '4', 'DV3.4': '5', 'DV3.5': '5', 'DV3.GY': '' },
  { 'DV4.1': '1', 'DV4.2': '4', 'DV4.3': '4', 'DV4.GY': '' },
  { 'DV5.1': '', 'DV5.2': '', 'DV5.3': '', 'DV5.GY': '' },
  { 'CS.1': '3', 'CS.2': '3', 'CS.3': '4', 'CS.4': '4' },
  { TIEN: '0', GOPY: 'Cảm ơn cán bộ' },
];
/** What is stored from ONLINE: numbers, "no opinion" left out, text as typed. */
export const ONLINE_STORED = {
  KENH: 2,
  'DV1.1': 5,
  'DV1.2': 4,
  'DV1.3': 4,
  'DV1.4': 3,
  'DV1.5': 2,
  'DV1.GY': 'Cần thêm ghế <chờ>',
  'DV2.1': 4,
  'DV2.2': 4,
  'DV2.3': 5,
  'DV3.1': 5,
  'DV3.2': 5,
  'DV3.3': 4,
  'DV3.4': 5,
  'DV3.5': 5,
  'DV4.1': 1,
  'DV4.2': 4,
  'DV4.3': 4,
  'CS.1': 3,
  'CS.2': 3,
  'CS.3': 4,
  'CS.4': 4,
  TIEN: 0,
  GOPY: 'Cảm ơn cán bộ',
};

/** Starting and answering a survey at `base`, the clock moved on by `later` as a person would. */
export function walker(base: () => string, later: (ms: number) => void) {
  /** Opens the start page and presses "Bắt đầu" `wait` ms later; returns the answer. */
  async function start(c: Citizen, fields: Record<string, string> = {}, wait = 5_000) {
    const page = await c.get(base());
    expect(page.statusCode).toBe(200);
    later(wait);
    return c.post(base(), {
      formToken: inputValue(page.body, 'formToken') ?? '',
      dossierCode: '',
      ...fields,
    });
  }
  /** Answers screens `from`… with `screens`, `stepMs` apart; returns the last answer. */
  async function answer(c: Citizen, screens: Record<string, string>[], from = 1, stepMs = 30_000) {
    let response = await c.get(`${base()}/phan/${from}`);
    for (const [offset, fields] of screens.entries()) {
      later(stepMs);
      response = await c.post(`${base()}/phan/${from + offset}`, { ...fields, action: 'next' });
      expect(response.statusCode, response.body).toBe(303);
    }
    return response;
  }
  return { start, answer };
}
