/** Sample-workbook generator library: deterministic builders for tests and benchmarks. */
export * from './prng';
export * from './criteria';
export * from './scores';
export * from './builders';
export * from './defects';
export * from './catalog';
