/**
 * The "Schemas" part of the page: for each body schema its example, its Properties table and its
 * Enumerated Values, as JSON Schema objects.
 */
import type { ObjectSchema, PropertySchema } from './openapi-types.js';
import { schemaRef } from './openapi-types.js';
import { Cursor, PageError, jsonOf, singleLine, type Paragraph } from './paragraphs.js';
import { descriptionFrom, isDeprecated, maxItemsFrom } from './prose-rules.js';
import { enumRows, propertyRows, type EnumRow, type PropertyRow } from './tables.js';

/** "string", "string(date-time)", "[object]" (items in the `»` rows below) or "[Error]" (a schema). */
function typeFrom(row: PropertyRow, at: Paragraph): Pick<PropertySchema, 'type' | 'format' | 'items'> {
  const list = /^\[(\w+)\]$/.exec(row.type);
  if (list) return { type: 'array', items: list[1] === 'object' ? { type: 'object', properties: {} } : schemaRef(list[1] ?? '') };
  const match = /^(string|integer|number|boolean)(?:\(([\w-]+)\))?$/.exec(row.type);
  if (!match) throw new PageError(at, `${row.name}: unknown type "${row.type}"`);
  return match[2] ? { type: match[1] ?? '', format: match[2] } : { type: match[1] ?? '' };
}

function propertyFrom(row: PropertyRow, values: string[], at: Paragraph): PropertySchema {
  // Every row says "none"; a real restriction would need a rule this generator does not have.
  if (row.restrictions !== 'none') throw new PageError(at, `${row.name}: unsupported restriction "${row.restrictions}"`);
  const { type, format, items } = typeFrom(row, at);
  const description = descriptionFrom(row.description);
  const maxItems = type === 'array' ? maxItemsFrom(description) : undefined;
  return {
    type,
    ...(format && { format }),
    ...(description !== undefined && { description }),
    ...(values.length > 0 && { enum: values }),
    ...(items && { items }),
    ...(maxItems !== undefined && { maxItems }),
    ...(isDeprecated(description) && { deprecated: true as const }),
  };
}

/** Properties in table order; a `»` row belongs to the items of the array row above it. */
function objectFrom(rows: PropertyRow[], enums: EnumRow[], at: Paragraph): Pick<ObjectSchema, 'required' | 'properties'> {
  const properties: Record<string, PropertySchema> = {};
  const required: string[] = [];
  let parent: PropertySchema | undefined;
  for (const row of rows) {
    const values = enums.filter((entry) => entry.property === row.name).map((entry) => entry.value);
    if (!row.nested) {
      parent = properties[row.name] = propertyFrom(row, values, at);
      if (row.required) required.push(row.name);
      continue;
    }
    const items = parent?.items;
    if (!items || !('properties' in items)) throw new PageError(at, `» ${row.name} follows no [object] property`);
    items.properties[row.name] = propertyFrom(row, values, at);
    if (row.required) (items.required ??= []).push(row.name);
  }
  const unknown = enums.find((entry) => !rows.some((row) => row.name === entry.property));
  if (unknown) throw new PageError(at, `Enumerated Values name a property the table lacks: ${unknown.property}`);
  return { ...(required.length > 0 && { required }), properties };
}

/** Reads schema sections to the end of the page. */
export function readSchemas(cursor: Cursor): Record<string, ObjectSchema> {
  const schemas: Record<string, ObjectSchema> = {};
  while (cursor.peek()) {
    const heading = cursor.next('a schema name');
    const name = singleLine(heading);
    if (!name || !/^\w+$/.test(name)) throw new PageError(heading, `expected a schema name, found "${heading.lines[0]}"`);
    const example = jsonOf(cursor.next(`the example of ${name}`));
    cursor.expect('Properties');
    const table = cursor.next(`the properties of ${name}`);
    const rows = propertyRows(table);
    let enums: EnumRow[] = [];
    if (cursor.at('Enumerated Values')) {
      cursor.expect('Enumerated Values');
      enums = enumRows(cursor.next(`the enumerated values of ${name}`));
    }
    schemas[name] = { type: 'object', ...objectFrom(rows, enums, table), example };
  }
  return schemas;
}
