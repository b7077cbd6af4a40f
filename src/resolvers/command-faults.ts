/**
 * Runs a command's resolver: its typed errors are answers (members of its union), anything else
 * is a fault, masked for the client by the server and logged here once, with the request id.
 */
import { commandErrorClasses } from '../errors.js';
import { markLogged } from '../observability/logged-faults.js';
import type { GatewayContext } from './context.js';

const isTypedError = (error: unknown): boolean => commandErrorClasses.some((errorClass) => error instanceof errorClass);

export async function asCommand<T>(context: GatewayContext, operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!isTypedError(error)) {
      context.logger.error({ requestId: context.requestId, err: error, operation }, 'unexpected error');
      markLogged(error);
    }
    throw error;
  }
}
