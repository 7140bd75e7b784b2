import type { Core } from './core';
import { ProductService } from './products';
import { SystemService } from './system';

export type { Core, WriteTx } from './core';
export { write } from './core';

export interface Services {
  products: ProductService;
  system: SystemService;
}

export function createServices(core: Core): Services {
  const products = new ProductService(core);
  return {
    products,
    system: new SystemService(core, () => products.count()),
  };
}
