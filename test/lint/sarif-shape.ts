/** Shape checks for SARIF output, shared by the lint tests. */

/** The properties SARIF 2.1.0 requires (sarif-schema-2.1.0.json) and code scanning reads. */
export function checkSarif(doc: Record<string, unknown>): void {
  expect(doc.version).toBe('2.1.0');
  expect(typeof doc.$schema).toBe('string');
  const runs = doc.runs as Record<string, unknown>[];
  expect(Array.isArray(runs)).toBe(true);
  for (const run of runs) {
    const driver = (run.tool as { driver: Record<string, unknown> }).driver;
    expect(driver.name).toBe('netfence');
    const rules = driver.rules as Record<string, unknown>[];
    for (const rule of rules) {
      expect(typeof rule.id).toBe('string');
      for (const k of ['shortDescription', 'fullDescription', 'help']) expect(typeof (rule[k] as { text: unknown }).text).toBe('string');
      expect(['none', 'note', 'warning', 'error']).toContain((rule.defaultConfiguration as { level: string }).level);
    }
    for (const result of run.results as Record<string, unknown>[]) {
      expect(typeof (result.message as { text: unknown }).text).toBe('string');
      expect(['none', 'note', 'warning', 'error']).toContain(result.level);
      const idx = result.ruleIndex as number;
      expect(rules[idx].id).toBe(result.ruleId);
      for (const loc of result.locations as Record<string, unknown>[]) {
        const phys = loc.physicalLocation as { artifactLocation: { uri: string }; region?: { startLine: number; startColumn?: number } };
        expect(typeof phys.artifactLocation.uri).toBe('string');
        if (phys.region) {
          expect(phys.region.startLine).toBeGreaterThanOrEqual(1);
          if (phys.region.startColumn !== undefined) expect(phys.region.startColumn).toBeGreaterThanOrEqual(1);
        }
      }
    }
  }
}
