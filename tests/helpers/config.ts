// A configuration for a test: the documented defaults with some settings replaced. The overrides are
// values as the server sees them (numbers, booleans, lists), not environment strings.
import { type Config, configSchema } from '../../api/config.ts';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...configSchema.parse({}), ...overrides };
}
