import type { Services } from '../services';
import type { Core } from '../write';

/**
 * What the interchange needs of the app: its core and services (transports not
 * involved). Named here rather than picked from App, so interchange/ does not
 * reach up to the composition root that wires it.
 */
export interface Store {
  core: Core;
  services: Services;
}
