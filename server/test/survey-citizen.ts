import type { LightMyRequestResponse } from 'fastify';
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
