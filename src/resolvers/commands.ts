/** The one resolver behind all 50 mutations: validate, send through the datasource, report. */
import { pathIdName, type EndpointSpec } from '../catalog/index.js';
import { asCommand } from './command-faults.js';
import type { GatewayContext } from './context.js';
import { validateCommand, type CommandInput } from './validate-input.js';

/** What a command's resolver returns on success: the HTTP status and the path id it addressed. */
export interface CommandAcceptedShape {
  readonly status: number;
  readonly id: string;
}

const isInput = (value: unknown): value is CommandInput => typeof value === 'object' && value !== null;

/** `args` as GraphQL coerced them: the path id argument and `input`. */
export function runCommand(endpoint: EndpointSpec, args: Readonly<Record<string, unknown>>, context: GatewayContext): Promise<CommandAcceptedShape> {
  const pathId = String(args[pathIdName(endpoint.resource)]);
  const input = isInput(args.input) ? args.input : {};
  return asCommand(context, endpoint.operation, async () => {
    validateCommand(endpoint, pathId, input);
    const { status } = await context.engagementCenter.send(endpoint, pathId, input);
    return { status, id: pathId };
  });
}
