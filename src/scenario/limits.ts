/**
 * Input limits. Generous for real use (the largest shipped scenario is a few kB with 10⁴ sweep
 * points), small enough that no input can exhaust memory or time before it is refused: each is
 * named in the message that refuses it (exit 2).
 */
export const LIMITS = {
  /** Bytes in a scenario file. */
  scenarioBytes: 4 * 1024 * 1024,
  /** Alias uses (`*name`) the YAML reader expands per file: stops "billion laughs" bombs. */
  yamlAliases: 100,
  /** Points in one sweep (the product of its axes' lengths). */
  sweepPoints: 1_000_000,
  /** Largest magnitude of a parameter, initial value or dose (after unit conversion). */
  magnitude: 1e100,
  /** Characters of a description that summaries print. */
  descriptionShown: 200,
} as const;
