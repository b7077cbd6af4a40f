/**
 * The page as paragraphs: runs of non-blank lines. The readers walk these, so an error can name
 * the line of the page it could not read.
 */

export interface Paragraph {
  lines: string[];
  /** 1-based line of the page where the paragraph starts. */
  line: number;
}

/** Anything on the page this generator does not understand stops it: a guess would go unnoticed. */
export class PageError extends Error {
  constructor(at: Paragraph | undefined, message: string) {
    super(`${at ? `page line ${at.line}: ` : ''}${message}`);
    this.name = 'PageError';
  }
}

export function paragraphsOf(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let current: Paragraph | undefined;
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') {
      current = undefined;
      return;
    }
    if (!current) paragraphs.push((current = { lines: [], line: index + 1 }));
    current.lines.push(line);
  });
  return paragraphs;
}

export const textOf = (paragraph: Paragraph): string => paragraph.lines.join('\n');

/** A one-line paragraph's text, or undefined when the paragraph is longer. */
export const singleLine = (paragraph: Paragraph | undefined): string | undefined =>
  paragraph?.lines.length === 1 ? paragraph.lines[0] : undefined;

/** Reads the paragraphs in order, each `expect` naming what the page must show next. */
export class Cursor {
  private index = 0;

  constructor(private readonly paragraphs: Paragraph[]) {}

  peek(): Paragraph | undefined {
    return this.paragraphs[this.index];
  }

  next(what: string): Paragraph {
    const paragraph = this.paragraphs[this.index];
    if (!paragraph) throw new PageError(this.paragraphs.at(-1), `the page ends where ${what} should follow`);
    this.index += 1;
    return paragraph;
  }

  /** Consumes a one-line paragraph that must read exactly `heading`. */
  expect(heading: string): Paragraph {
    const paragraph = this.next(`"${heading}"`);
    if (singleLine(paragraph) !== heading) throw new PageError(paragraph, `expected "${heading}", found "${paragraph.lines[0]}"`);
    return paragraph;
  }

  /** Whether the next paragraph is one line that reads `heading` (or matches it). */
  at(heading: string | RegExp): boolean {
    const line = singleLine(this.peek());
    return line !== undefined && (typeof heading === 'string' ? line === heading : heading.test(line));
  }

  /** Consumes paragraphs up to (not including) the one-line paragraph `heading`. */
  until(heading: string | RegExp): Paragraph[] {
    const skipped: Paragraph[] = [];
    while (!this.at(heading)) skipped.push(this.next(`"${String(heading)}"`));
    return skipped;
  }
}

/** A paragraph that is one JSON value, as the page's examples are. */
export function jsonOf(paragraph: Paragraph): unknown {
  try {
    return JSON.parse(textOf(paragraph));
  } catch (error) {
    throw new PageError(paragraph, `expected a JSON example (${String(error)})`);
  }
}
