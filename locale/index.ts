/** Spanish labels and es-AR formatting, shared by the renderer, the core and the CLI. Imports nothing. */
export * from './format';
export * from './labels';
