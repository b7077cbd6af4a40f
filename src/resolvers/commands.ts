/** The one resolver behind all 50 mutations: validate, send through the datasource, report. */
import { pathIdName, type EndpointSpec } from '../catalog/index.js';
import type { GatewayContext } from './context.js';
import { commandErrorClasses } from '../errors.js';
import { markLogged } from '../observability/logged-faults.js';
import { validateCommand, type CommandInput } from './validate-input.js';

/** What a command's resolver returns on success: the HTTP status and the path id it addressed. */
export interface CommandAcceptedShape {
  readonly status: number;
  readonly id: string;
}

const isInput = (value: unknown): value is CommandInput => typeof value === 'object' && value !== null;
const isTypedError = (error: unknown): boolean => commandErrorClasses.some((errorClass) => error instanceof errorClass);

/** `args` as GraphQL coerced them: the path id argument and `input`. */
export async function runCommand(
  endpoint: EndpointSpec,
  args: Readonly<Record<string, unknown>>,
  context: GatewayContext,
): Promise<CommandAcceptedShape> {
  const pathId = String(args[pathIdName(endpoint.resource)]);
  const input = isInput(args.input) ? args.input : {};
  try {
    validateCommand(endpoint, pathId, input);
    const { status } = await context.engagementCenter.send(endpoint, pathId, input);
    return { status, id: pathId };
  } catch (error) {
    // Typed errors are answers; anything else is a fault, masked for the client and logged here.
    if (!isTypedError(error)) {
      context.logger.error({ requestId: context.requestId, err: error, operation: endpoint.operation }, 'unexpected error');
      markLogged(error);
    }
    throw error;
  }
}
