/**
 * A small, strict XML 1.0 parser used by the tests to prove the JUnit output is well-formed (it is not part of
 * the package API). It rejects what a real parser rejects for our kind of document: mismatched or unclosed
 * tags, duplicate attributes, a raw `<` or a bare `&` in text or attributes, unknown entities, characters XML
 * forbids (raw or as references), and anything but one root element after the declaration.
 */

/** A parsed element. `text` is the concatenated, unescaped character data directly inside it. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function allowedCode(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

class Cursor {
  position = 0;
  constructor(readonly source: string) {}
  fail(message: string): never {
    const line = this.source.slice(0, this.position).split('\n').length;
    throw new Error(`XML error at line ${line} (offset ${this.position}): ${message}`);
  }
  startsWith(text: string): boolean {
    return this.source.startsWith(text, this.position);
  }
  skipSpace(): void {
    while (/[ \t\r\n]/.test(this.source[this.position] ?? '')) this.position++;
  }
}

function checkChars(cursor: Cursor, text: string): void {
  for (const char of text) {
    if (!allowedCode(char.codePointAt(0) as number))
      cursor.fail(`forbidden character U+${(char.codePointAt(0) as number).toString(16)}`);
  }
}

function decode(cursor: Cursor, raw: string, inAttribute: boolean): string {
  checkChars(cursor, raw);
  if (raw.includes('<')) cursor.fail('raw "<" in character data');
  if (!inAttribute && raw.includes(']]>')) cursor.fail('"]]>" in character data');
  return raw.replace(/&([^;]*);|&/g, (match, ref: string | undefined) => {
    if (ref === undefined) cursor.fail('bare "&"');
    if (ref.startsWith('#')) {
      const code = ref.startsWith('#x')
        ? Number.parseInt(ref.slice(2), 16)
        : Number.parseInt(ref.slice(1), 10);
      if (!/^#(x[0-9a-fA-F]+|[0-9]+)$/.test(ref) || !allowedCode(code))
        cursor.fail(`invalid character reference ${match}`);
      return String.fromCodePoint(code);
    }
    const value = ENTITIES[ref];
    if (value === undefined) cursor.fail(`unknown entity ${match}`);
    return value;
  });
}

function readName(cursor: Cursor): string {
  const match = NAME.exec(cursor.source.slice(cursor.position));
  if (!match) cursor.fail('expected a name');
  cursor.position += match[0].length;
  return match[0];
}

function readElement(cursor: Cursor): XmlElement {
  if (!cursor.startsWith('<')) cursor.fail('expected "<"');
  cursor.position++;
  const element: XmlElement = { name: readName(cursor), attributes: {}, children: [], text: '' };
  for (;;) {
    const before = cursor.position;
    cursor.skipSpace();
    if (cursor.startsWith('/>')) {
      cursor.position += 2;
      return element;
    }
    if (cursor.startsWith('>')) {
      cursor.position++;
      break;
    }
    if (cursor.position === before) cursor.fail('expected whitespace before an attribute');
    const name = readName(cursor);
    if (Object.hasOwn(element.attributes, name)) cursor.fail(`duplicate attribute ${name}`);
    cursor.skipSpace();
    if (!cursor.startsWith('=')) cursor.fail(`expected "=" after ${name}`);
    cursor.position++;
    cursor.skipSpace();
    const quote = cursor.source[cursor.position];
    if (quote !== '"' && quote !== "'") cursor.fail('expected a quoted attribute value');
    const end = cursor.source.indexOf(quote, cursor.position + 1);
    if (end < 0) cursor.fail('unterminated attribute value');
    // Attribute-value normalisation: literal whitespace characters become spaces.
    element.attributes[name] = decode(
      cursor,
      cursor.source.slice(cursor.position + 1, end).replace(/[\t\n\r]/g, ' '),
      true,
    );
    cursor.position = end + 1;
  }
  for (;;) {
    const next = cursor.source.indexOf('<', cursor.position);
    if (next < 0) cursor.fail(`unclosed element <${element.name}>`);
    element.text += decode(cursor, cursor.source.slice(cursor.position, next).replace(/\r\n?/g, '\n'), false);
    cursor.position = next;
    if (cursor.startsWith('</')) {
      cursor.position += 2;
      const name = readName(cursor);
      if (name !== element.name) cursor.fail(`</${name}> closes <${element.name}>`);
      cursor.skipSpace();
      if (!cursor.startsWith('>')) cursor.fail('expected ">"');
      cursor.position++;
      return element;
    }
    if (cursor.startsWith('<!--')) {
      const end = cursor.source.indexOf('-->', cursor.position);
      if (end < 0) cursor.fail('unterminated comment');
      cursor.position = end + 3;
      continue;
    }
    element.children.push(readElement(cursor));
  }
}

/** Parses a whole document; throws an `Error` naming the line of the first problem. */
export function parseStrictXml(source: string): XmlElement {
  const cursor = new Cursor(source);
  if (cursor.startsWith('<?xml')) {
    const end = source.indexOf('?>');
    if (end < 0) cursor.fail('unterminated XML declaration');
    if (!/^<\?xml version="1\.0"( encoding="UTF-8")?\?>$/.test(source.slice(0, end + 2)))
      cursor.fail('unexpected XML declaration');
    cursor.position = end + 2;
  }
  cursor.skipSpace();
  const root = readElement(cursor);
  cursor.skipSpace();
  if (cursor.position !== source.length) cursor.fail('content after the root element');
  return root;
}
