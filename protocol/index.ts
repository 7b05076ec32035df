// The contract both sides share (docs/api-contract.md as code). Imports nothing from api/, src/,
// bench/ or tests/; they all import it.
export * from './channels.ts';
export * from './errors.ts';
export * from './lab.ts';
export * from './messages.ts';
export * from './routes.ts';
export * from './techniques.ts';
