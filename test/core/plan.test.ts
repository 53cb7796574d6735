/**
 * Write-plan contents. Excel holds at most 32,767 characters in a cell (Excel specifications and
 * limits): a longer text in a file makes Excel repair it and Office.js refuses the write, so
 * generated text (a comparison paragraph quoting a very long unit name) is cut there.
 */
import { CELL_TEXT_MAX, text } from '../../src/core/plan';

describe('text content', () => {
  test('up to 32,767 characters: kept as it is', () => {
    const exact = 'a'.repeat(CELL_TEXT_MAX);
    expect(text(exact)).toEqual({ kind: 'text', value: exact });
    expect(text('=1+1')).toEqual({ kind: 'text', value: '=1+1' });
  });

  test('longer: cut to 32,767 characters ending with "…"', () => {
    const c = text('Xã '.repeat(20_000));
    expect(c.kind === 'text' && c.value.length).toBe(CELL_TEXT_MAX);
    expect(c.kind === 'text' && c.value.endsWith('…')).toBe(true);
  });

  test('never between the halves of a surrogate pair', () => {
    // '𝔸' is two UTF-16 units; the cut would fall between them.
    const c = text('a'.repeat(CELL_TEXT_MAX - 2) + '𝔸'.repeat(10));
    expect(c.kind === 'text' && c.value).toBe(`${'a'.repeat(CELL_TEXT_MAX - 2)}…`);
    const whole = text('a'.repeat(CELL_TEXT_MAX - 3) + '𝔸'.repeat(10));
    expect(whole.kind === 'text' && whole.value).toBe(`${'a'.repeat(CELL_TEXT_MAX - 3)}𝔸…`);
  });
});
