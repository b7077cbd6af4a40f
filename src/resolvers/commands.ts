/** The one resolver behind all 50 mutations: validate, send through the datasource, report. */
import { pathIdName, type EndpointSpec } from '../catalog/index.js';
import type { GatewayContext } from '../context.js';
import type { CommandAcceptedShape } from '../schema/entities.js';
import { validateCommand, type CommandInput } from './validate-input.js';

const isInput = (value: unknown): value is CommandInput => typeof value === 'object' && value !== null;

/** `args` as GraphQL coerced them: the path id argument and `input`. */
export async function runCommand(
  endpoint: EndpointSpec,
  args: Readonly<Record<string, unknown>>,
  context: GatewayContext,
): Promise<CommandAcceptedShape> {
  const pathId = String(args[pathIdName(endpoint.resource)]);
  const input = isInput(args.input) ? args.input : {};
  validateCommand(endpoint, pathId, input);
  const { status } = await context.engagementCenter.send(endpoint, pathId, input);
  return { status, id: pathId };
}
