// Public surface of the settings model: shape and defaults, tolerant parsing with migrations,
// validated updates, and the SecretVault interface the shell implements for the API key.
export * from './settings';
export * from './parse-settings';
export * from './update-settings';
export * from './secret-vault';
export { checkCustomBaseUrl, isLoopbackHost } from './base-url';
export type { BaseUrlCheck } from './base-url';
