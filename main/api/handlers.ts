import type { MethodName, MethodOutput, MethodParsedInput } from '../../contract';
import type { Session } from '../session';
import type { Services } from '../services';

export interface CallContext {
  session: Session;
}

export type Handler<M extends MethodName> = (
  input: MethodParsedInput<M>,
  context: CallContext,
) => MethodOutput<M> | Promise<MethodOutput<M>>;

export type Handlers = { [M in MethodName]: Handler<M> };

/** One line per method: the contract's name to the service that does the work. */
export function createHandlers(services: Services): Handlers {
  return {
    'system.info': () => services.system.info(),
    'products.list': (input) => services.products.list(input),
    'products.get': (input) => services.products.get(input),
    'products.create': (input) => services.products.create(input),
    'products.update': (input) => services.products.update(input),
    'categories.list': () => services.products.categories(),
  };
}
