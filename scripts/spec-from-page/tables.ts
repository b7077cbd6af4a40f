/**
 * The page's tables, one row a line with the columns separated by single spaces. Only the last
 * column may contain spaces, so each row shape is a pattern; a row that does not fit stops the run.
 */
import { STATUS_CODES } from 'node:http';
import { PageError, type Paragraph } from './paragraphs.js';

function rowsOf<T>(paragraph: Paragraph, header: string, pattern: RegExp, toRow: (cells: string[]) => T): T[] {
  if (paragraph.lines[0] !== header) throw new PageError(paragraph, `expected a table headed "${header}"`);
  // A header may repeat inside one paragraph: the page prints its two scope tables back to back.
  return paragraph.lines.flatMap((line, index) => {
    if (line === header) return [];
    const match = pattern.exec(line);
    if (!match) throw new PageError({ lines: [line], line: paragraph.line + index }, `this "${header}" row does not read as one: "${line}"`);
    return [toRow(match.slice(1))];
  });
}

const isTrue = (cell: string | undefined): boolean => cell === 'true';

export interface ParameterRow {
  name: string;
  in: string;
  type: string;
  required: boolean;
  description: string;
}

export const parameterRows = (paragraph: Paragraph): ParameterRow[] =>
  rowsOf(paragraph, 'Name In Type Required Description', /^(\S+) (path|header|query|body) (\S+) (true|false) (.+)$/, (cells) => ({
    name: cells[0] ?? '',
    in: cells[1] ?? '',
    type: cells[2] ?? '',
    required: isTrue(cells[3]),
    description: cells[4] ?? '',
  }));

export interface PropertyRow {
  /** A `»` row describes a property of the items of the array row above it. */
  nested: boolean;
  name: string;
  type: string;
  required: boolean;
  restrictions: string;
  description: string;
}

export const propertyRows = (paragraph: Paragraph): PropertyRow[] =>
  rowsOf(paragraph, 'Name Type Required Restrictions Description', /^(» )?(\S+) (\S+) (true|false) (\S+) (.+)$/, (cells) => ({
    nested: cells[0] !== undefined,
    name: cells[1] ?? '',
    type: cells[2] ?? '',
    required: isTrue(cells[3]),
    restrictions: cells[4] ?? '',
    description: cells[5] ?? '',
  }));

export interface EnumRow {
  property: string;
  value: string;
}

export const enumRows = (paragraph: Paragraph): EnumRow[] =>
  rowsOf(paragraph, 'Property Value', /^(\S+) (\S+)$/, (cells) => ({ property: cells[0] ?? '', value: cells[1] ?? '' }));

export interface ScopeRow {
  scope: string;
  description: string;
}

export const scopeRows = (paragraph: Paragraph): ScopeRow[] =>
  rowsOf(paragraph, 'Scope Scope Description', /^(\S+) (.+)$/, (cells) => ({ scope: cells[0] ?? '', description: cells[1] ?? '' }));

export interface ResponseRow {
  status: string;
  /** The status's reason phrase, e.g. "Unprocessable Entity". */
  meaning: string;
  description: string;
  /** A schema name, or "None" for a response without a body. */
  schema: string;
}

export const responseRows = (paragraph: Paragraph): ResponseRow[] =>
  rowsOf(paragraph, 'Status Meaning Description Schema', /^(\d{3}) (.+) (\S+)$/, ([status = '', middle = '', schema = '']) => {
    // Meaning and Description both hold spaces; the Meaning column is the standard reason phrase.
    const meaning = STATUS_CODES[status];
    if (!meaning || !middle.startsWith(`${meaning} `)) {
      throw new PageError(paragraph, `status ${status}: the Meaning column is not "${meaning ?? 'a known reason phrase'}"`);
    }
    return { status, meaning, description: middle.slice(meaning.length + 1), schema };
  });
