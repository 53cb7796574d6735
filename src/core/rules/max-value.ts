import { makeFinding, type Finding } from '../finding';
import type { Rule } from './types';
import { num, viewOf, where } from './view';

/**
 * Every criterion's maximum must be a number. Text that reads as a number ("0,5") is reported as
 * not-number too, with the number meant (`meant`): the form shows it but a SUM of the maxima
 * ignores it. A formula whose result was never calculated is not reported (its value is unknown).
 * Only criteria with a maximum cell are checked (summary tables with maxima only in the header
 * text have none).
 */
export const maxValue: Rule = {
  id: 'max-value',
  codes: ['max/missing', 'max/not-number'],
  description: "A criterion's maximum is empty or not a number.",
  check(ctx) {
    const view = viewOf(ctx);
    const out: Finding[] = [];
    for (const n of view.nodes) {
      const ref = view.maxRef(n);
      if (!ref || ref.a1 === '' || ref.pending) continue;
      const r = ref.reading;
      const at = where(view, ref.a1, n);
      switch (r.kind) {
        case 'number':
          break;
        case 'empty':
          out.push(makeFinding('max/missing', 'error', at));
          break;
        case 'text-number':
          out.push(makeFinding('max/not-number', 'error', at, { value: r.text, meant: num(r.meant) }));
          break;
        case 'date':
          out.push(makeFinding('max/not-number', 'error', at, { value: r.text, meant: r.meant }));
          break;
        case 'boolean':
          out.push(makeFinding('max/not-number', 'error', at, { value: r.value ? 'TRUE' : 'FALSE' }));
          break;
        default:
          out.push(makeFinding('max/not-number', 'error', at, { value: r.text }));
      }
    }
    return out;
  },
};
