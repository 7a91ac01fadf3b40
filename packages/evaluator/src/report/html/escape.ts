/**
 * Escaping for the three places untrusted text lands in the page: HTML text/attributes, inline JavaScript and
 * inline JSON. Segment names, file paths and reasons come from traces and must never become markup or end a
 * `<script>` element early.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/**
 * Makes JavaScript source safe inside `<script>...</script>`: `</script` would close the element and `<!--`
 * can switch the HTML tokenizer into its "escaped" state. `<\/` is the same string, regex or comment text in
 * JavaScript, so the code's meaning is unchanged; `<!--` becomes `<\!--`, equivalent in strings, templates and
 * comments (the only places minified library code has it). A trailing source-map comment is dropped because
 * the map is not embedded and a viewer must not fetch anything.
 */
export function escapeInlineScript(code: string): string {
  return code
    .replace(/\n?\/\/# sourceMappingURL=\S*\s*$/, '\n')
    .replace(/<\/(script)/gi, '<\\/$1')
    .replace(/<!--/g, '<\\!--');
}

/**
 * Serialises a value as JSON that can sit inside `<script type="application/json">`: `<`, `>` and `&` become
 * `\u003c`-style escapes (still valid JSON that parses to the same strings), and so do U+2028/U+2029.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A stable, HTML-id-safe identifier for the n-th segment (segment keys contain spaces and `=`). */
export function segmentAnchor(index: number): string {
  return `segment-${index + 1}`;
}
