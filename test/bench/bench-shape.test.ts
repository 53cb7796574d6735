/**
 * The benchmark harness in its reduced mode (one tiny case, one run, nothing built): the JSON
 * document keeps its shape, so `npm run bench -- --json` cannot rot unnoticed. No timing is
 * asserted here; budgets are for the benchmark's report (docs/benchmarks.md).
 */
import { runBench, type BenchDocument } from '../../bench/harness';

const numberOrNull = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v));

describe('npm run bench -- --json (smoke mode)', () => {
  let doc: BenchDocument;

  beforeAll(async () => {
    doc = await runBench({ smoke: true });
    // What the command prints is this object as JSON: it must survive the round trip.
    doc = JSON.parse(JSON.stringify(doc)) as BenchDocument;
  }, 180_000);

  it('has the four sections', () => {
    expect(Object.keys(doc)).toEqual(expect.arrayContaining(['machine', 'cases', 'bundle', 'budgets']));
    expect(typeof doc.machine.cpu).toBe('string');
    expect(doc.machine.cores).toBeGreaterThan(0);
    expect(typeof doc.machine.node).toBe('string');
  });

  it('describes each case with the agreed fields', () => {
    expect(doc.cases).toHaveLength(1);
    for (const c of doc.cases) {
      expect(typeof c.name).toBe('string');
      expect(c.units).toBeGreaterThan(0);
      expect(c.criteria).toBeGreaterThan(0);
      for (const key of [
        'engineMs',
        'xlsxReadMs',
        'xlsxWriteMs',
        'cliComputeMs',
        'cliCompareMs',
        'maxPayloadBytes',
        'peakRssMb',
      ] as const) {
        expect(c).toHaveProperty(key);
        expect(numberOrNull(c[key])).toBe(true);
      }
      // Measured in process, whatever is built: engine, ExcelJS, fake Excel.
      expect(c.engineMs).toBeGreaterThan(0);
      expect(c.xlsxReadMs).toBeGreaterThan(0);
      expect(c.xlsxWriteMs).toBeGreaterThan(0);
      expect(c.syncs).toEqual({ read: expect.any(Number), write: expect.any(Number) });
      expect(c.maxPayloadBytes).toBeGreaterThan(0);
      // Every request measured as office.js serialises it (src/testing/officejs-host).
      expect(c.payloadSource).toBe('office.js');
    }
  });

  it('reports the bundle and every budget as met or not, with a detail', () => {
    expect(doc.bundle).toHaveProperty('taskpaneInitialGzipBytes');
    expect(doc.bundle).toHaveProperty('xlsxChunkGzipBytes');
    expect(numberOrNull(doc.bundle.taskpaneInitialGzipBytes)).toBe(true);
    expect(numberOrNull(doc.bundle.xlsxChunkGzipBytes)).toBe(true);
    expect(doc.budgets.length).toBeGreaterThan(0);
    for (const b of doc.budgets) {
      expect(typeof b.name).toBe('string');
      expect(typeof b.met).toBe('boolean');
      expect(typeof b.detail).toBe('string');
    }
    const names = doc.budgets.map((b) => b.name);
    expect(names.some((n) => n.startsWith('direct command'))).toBe(true);
    expect(names.some((n) => n.startsWith('browser timings'))).toBe(true);
    expect(names.some((n) => n.startsWith('office syncs'))).toBe(true);
    expect(names.some((n) => n.startsWith('task pane initial'))).toBe(true);
  });
});
