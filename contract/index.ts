import { z } from 'zod';

// Generic zod messages (the ones our field builders do not override) in Spanish.
// Set here because every consumer of the contract, main and renderer alike,
// validates through these schemas and should speak the same language.
z.config(z.locales.es());

export * from './errors';
export * from './names';
export * from './methods';
export * from './products';
export * from './system';
export * from './suppliers';
export * from './stock';
export * from './interchange';
export * from './purchases';
export * from './security';
export * from './invoices';
export * from './permissions';
export { FIRST_YEAR, LAST_YEAR, MAX_CENTAVOS, MAX_QUANTITY } from './fields';
export * from './transport';
export * from './forecast';
export * from './forensic';
