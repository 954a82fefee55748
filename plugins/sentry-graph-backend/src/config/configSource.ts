import type { Config } from '@backstage/config';
import { SentryGraphConfigError } from './readSentryGraphConfig';

/*
 * Backstage's config reader knows which file each value came from (it keeps
 * one reader per file, each falling back to the one before), and names it in
 * its own errors, "Invalid type in config for key 'k' in 'app-config.yaml',
 * got string, wanted string-array", but has no public getter for it. Reading
 * the value as a type it is not makes the reader that holds it say where it
 * is: the typed getters ask the top file first and fall back only when it
 * lacks the key (getOptionalConfig, which merges, would ask the bottom one).
 */
const SOURCE_IN_TYPE_ERROR = / in '(.+)', got /;

/** The config file a key's value was set in (for example 'app-config.local.yaml'), when the reader knows. */
export function configSource(config: Config, key: string): string | undefined {
  const value = config.getOptional(key);
  if (value === undefined) return undefined;
  const isStringArray =
    Array.isArray(value) && value.every(item => typeof item === 'string');
  try {
    if (isStringArray) config.getOptionalString(key);
    else config.getOptionalStringArray(key);
  } catch (error) {
    return SOURCE_IN_TYPE_ERROR.exec(String((error as Error).message))?.[1];
  }
  return undefined;
}

/**
 * Runs one of the section's readers; when a value is present but wrong, the
 * error names the file it came from too, as Backstage's own errors for a
 * missing value do ("Missing required config value at 'k' in 'file'").
 */
export function withConfigSource<T>(
  config: Config,
  read: (config: Config) => T,
): T {
  try {
    return read(config);
  } catch (error) {
    if (!(error instanceof SentryGraphConfigError) || error.source) throw error;
    const source = configSource(config, error.key);
    throw source
      ? new SentryGraphConfigError(error.key, error.expectation, source)
      : error;
  }
}
