import { describe, expect, it } from 'vitest';
import { escapeHtml, html } from './html.ts';

describe('the pages’ HTML template', () => {
  it('escapes every value, in text and in attributes, and passes only its own markup through', () => {
    const typed = `<script>alert("x")</script> & 'quoted'`;
    const inner = html`<b>${typed}</b>`;
    const page = html`<p title="${typed}">${inner}${[html`<i>1</i>`, 2]}${null}${false}${undefined}</p>`;
    expect(String(page)).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;">' +
        '<b>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;</b><i>1</i>2</p>',
    );
    expect(escapeHtml('Phường Phố Hiến')).toBe('Phường Phố Hiến');
  });
});
