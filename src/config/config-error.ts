/** A setting with a bad value: a one-line message naming the variable, never quoting a secret. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
