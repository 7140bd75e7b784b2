// Vite bundles CSS imports; this tells TypeScript they exist.
declare module '*.css';
