/**
 * Rules the page states in prose (not in its types) and rules the contract adds, checked before
 * anything is sent. GraphQL itself has already checked requiredness, types and enum values.
 */
import { pathIdName, type EndpointSpec } from '../catalog/index.js';
import { assertPathId } from '../datasources/rest-url.js';
import { ValidationError } from '../errors.js';

export type CommandInput = Readonly<Record<string, unknown>>;

function isJsonObjectText(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

export function validateCommand(endpoint: EndpointSpec, pathId: string, input: CommandInput): void {
  assertPathId(pathIdName(endpoint.resource), pathId);
  for (const [property, spec] of Object.entries(endpoint.fields)) {
    const value = input[property];
    if (value === null || value === undefined) continue;
    if (spec.type === 'array' && Array.isArray(value) && value.length > spec.maxItems) {
      throw new ValidationError(
        `${property} holds ${value.length} items; the API takes at most ${spec.maxItems}.`,
        `input.${property}`,
      );
    }
    if (spec.type === 'string' && spec.jsonObject && typeof value === 'string' && !isJsonObjectText(value)) {
      throw new ValidationError(
        `${property} must be the JSON text of an object (the Via entity), such as {"kind":"via#user","id":"user1"}.`,
        `input.${property}`,
      );
    }
  }
}
