/**
 * XML 1.0 escaping for JUnit reports. Characters XML 1.0 cannot carry at all (C0 controls other than tab, LF
 * and CR; U+FFFE/U+FFFF; unpaired surrogates) cannot even be written as character references, so they are
 * replaced by a visible `\uXXXX` text: the report stays well-formed and the reader still sees what was there.
 */

function isForbidden(code: number): boolean {
  return (
    (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffe || code === 0xffff
  );
}

function visible(code: number): string {
  return `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Replaces characters XML 1.0 forbids (including unpaired surrogates) with `\uXXXX` text. */
export function replaceForbiddenXmlChars(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += text[i] + text[i + 1];
        i++;
      } else {
        out += visible(code);
      }
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      out += visible(code);
    } else {
      out += isForbidden(code) ? visible(code) : text[i];
    }
  }
  return out;
}

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
const ATTRIBUTE_ESCAPES: Record<string, string> = {
  ...TEXT_ESCAPES,
  '"': '&quot;',
  "'": '&apos;',
  '\n': '&#10;',
  '\t': '&#9;',
};

/** Escapes element text (CR as a reference so parsers do not normalise it away). */
export function xmlText(text: string): string {
  return replaceForbiddenXmlChars(text).replace(/[&<>\r]/g, (char) => TEXT_ESCAPES[char]);
}

/** Escapes a double- or single-quoted attribute value; tabs and newlines survive attribute normalisation. */
export function xmlAttribute(text: string): string {
  return replaceForbiddenXmlChars(text).replace(/[&<>"'\r\n\t]/g, (char) => ATTRIBUTE_ESCAPES[char]);
}

/** `<name a="1" b="2">` attributes from pairs, in the given order. */
export function attributes(pairs: [string, string | number][]): string {
  return pairs.map(([name, value]) => ` ${name}="${xmlAttribute(String(value))}"`).join('');
}
