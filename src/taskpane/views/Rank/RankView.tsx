import {
  Button,
  Field,
  Radio,
  RadioGroup,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  mergeClasses,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { parseA1, parseRange } from '../../../core/a1';
import type { Finding } from '../../../core/finding';
import type { ScoringTable } from '../../../core/model';
import { planCompute, type ComputePlanResult } from '../../../core/compute-plan';
import { isRanked, rankTable } from '../../../core/engine';
import type { TieRule } from '../../../core/rank';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Notice } from '../../components/Notice';
import { useI18n } from '../../i18n';
import { useSession } from '../../session/WorkbookSession';
import { useViewStyles } from '../shared/styles';
import { useComparison } from '../Compare/comparison';
import { ReportPanel } from '../shared/ReportPanel';
import { TablePicker } from '../shared/TablePicker';

// At 350 px a fixed layout gives each of the four columns a quarter and unit names wrap to three
// lines: the number columns take only what their figures need, the unit name the rest.
const usePreviewStyles = makeStyles({
  table: { tableLayout: 'auto' },
  numberColumn: { width: '1%' },
  figure: { whiteSpace: 'nowrap' },
});

const TYPED_CODES = new Set(['write/typed-total', 'write/typed-rank']);

/** "A, B, C, …": the first cells of a list, for a notice. */
const someCells = (cells: string[]) =>
  cells
    .slice(0, 6)
    .join(', ')
    .concat(cells.length > 6 ? ', …' : '');

/** The error findings inside a table: its ranks come from data the check rejected. */
export function tableErrors(findings: readonly Finding[], table: ScoringTable): Finding[] {
  const r = parseRange(table.range);
  return findings.filter((f) => {
    if (f.severity !== 'error' || f.sheet !== table.sheet || !f.cell) return false;
    try {
      const p = parseA1(f.cell.replace(/\$/g, '').split(':')[0]);
      return p.row >= r.top && p.row <= r.bottom && p.col >= r.left && p.col <= r.right;
    } catch {
      return false;
    }
  });
}

/** "Tổng hợp & xếp hạng": tie rule, preview of ranks and totals, and writing them into the workbook. */
export default function RankView() {
  const { t, num, locale } = useI18n();
  const styles = useViewStyles();
  const preview = usePreviewStyles();
  const session = useSession();
  const { snapshot, analysis } = session;
  const [ties, setTies] = useState<TieRule>('competition');
  const [tableId, setTableId] = useState<string | null>(null);
  const [pending, setPending] = useState<ComputePlanResult | null>(null);
  // Asked before ranks are written over a table with errors: "Vẫn ghi" is the explicit choice.
  const [askErrors, setAskErrors] = useState(false);
  const [notice, setNotice] = useState('');
  // Totals written where the table does not add up: Excel shows the table's own arithmetic there.
  const [differs, setDiffers] = useState<string[]>([]);
  // Dense ranks left out of a very large table's rank row (compute-plan.ts, DENSE_FORMULA_MAX_UNITS).
  const [denseElsewhere, setDenseElsewhere] = useState('');

  const ranked = useMemo(() => (analysis?.results ?? []).filter((r) => isRanked(r.table)), [analysis]);
  const result = ranked.find((r) => r.table.id === tableId) ?? ranked[0];
  const rows = useMemo(() => {
    if (!result) return [];
    return rankTable(result, ties)
      .map((r, i) => ({ ...r, order: i }))
      .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.order - b.order);
  }, [result, ties]);
  const errors = useMemo(() => (result && analysis ? tableErrors(analysis.findings, result.table) : []), [analysis, result]);
  // The report compares with the prior year chosen in "So sánh năm trước" when it is about this table.
  const { comparison } = useComparison();
  if (!snapshot || !analysis) return null;

  // Only the chosen table is computed (a workbook may hold several groups).
  const plan = (overwriteTotals: boolean) =>
    planCompute(snapshot, { ...analysis, results: result ? [result] : [] }, { ties, locale, overwriteTotals });

  const write = async (planned: ComputePlanResult) => {
    setPending(null);
    const applied = await session.apply(planned.plan, t('app.working'));
    if (applied) {
      const desired = planned.plan.sheets[0]?.name ?? '';
      setNotice(t('rank.written', { name: applied.sheetNames.get(desired) ?? desired }));
      setDiffers(planned.findings.filter((f) => f.code === 'write/total-differs').map((f) => f.cell));
      setDenseElsewhere(planned.findings.find((f) => f.code === 'write/dense-rank-sheet')?.message[locale] ?? '');
    }
  };
  const start = (errorsAccepted = false) => {
    setAskErrors(false);
    if (errors.length > 0 && !errorsAccepted) {
      setAskErrors(true);
      return;
    }
    setNotice('');
    setDiffers([]);
    setDenseElsewhere('');
    const planned = plan(false);
    if (planned.findings.some((f) => TYPED_CODES.has(f.code))) setPending(planned);
    else void write(planned);
  };
  const typed = pending?.findings.filter((f) => TYPED_CODES.has(f.code)) ?? [];

  return (
    <section className={styles.root} aria-labelledby="rank-heading">
      <h2 id="rank-heading" className={styles.heading}>
        {t('view.rank')}
      </h2>
      {!result ? (
        <Notice intent="info">{t('rank.noRanked')}</Notice>
      ) : (
        <>
          {ranked.length > 1 ? (
            <TablePicker label={t('rank.table')} tables={ranked.map((r) => r.table)} value={result.table.id} onChange={setTableId} />
          ) : null}
          <Field label={t('rank.ties')}>
            <RadioGroup value={ties} onChange={(_, d) => setTies(d.value === 'dense' ? 'dense' : 'competition')}>
              <Radio value="competition" label={t('rank.competition')} />
              <Radio value="dense" label={t('rank.dense')} />
            </RadioGroup>
          </Field>
          <div className={styles.row}>
            <Button appearance="primary" disabled={!!session.busy} onClick={() => start()}>
              {t('rank.write')}
            </Button>
          </div>
          {notice ? <Notice intent="success">{notice}</Notice> : null}
          {denseElsewhere ? <Notice intent="info">{denseElsewhere}</Notice> : null}
          {differs.length > 0 ? (
            <Notice intent="warning">{t('rank.differs', { count: differs.length, cells: someCells(differs) })}</Notice>
          ) : null}
          {errors.length > 0 ? (
            <Notice intent="warning" title={t('rank.errorsTitle', { count: errors.length })}>
              {t('rank.errorsBody', { cells: someCells(errors.map((f) => f.cell)) })}
            </Notice>
          ) : null}
          <ReportPanel
            current={{ table: result.table, result }}
            comparison={comparison && comparison.current.table.id === result.table.id ? comparison : null}
            ties={ties}
          />
          <h3 id="rank-preview" className={styles.subheading}>
            {t('rank.preview')}
          </h3>
          <Table size="small" aria-labelledby="rank-preview" className={preview.table}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell className={preview.numberColumn}>{t('rank.col.rank')}</TableHeaderCell>
                <TableHeaderCell>{t('rank.col.unit')}</TableHeaderCell>
                <TableHeaderCell className={preview.numberColumn}>{t('rank.col.total')}</TableHeaderCell>
                <TableHeaderCell className={preview.numberColumn}>{t('rank.col.index')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.result.series.headerCell} data-unit={r.result.series.name}>
                  <TableCell className={mergeClasses(styles.number, preview.figure)}>{r.rank ?? '—'}</TableCell>
                  <TableCell>{r.result.series.name}</TableCell>
                  <TableCell className={mergeClasses(styles.number, r.result.filled && preview.figure)}>
                    {r.result.filled ? num(r.result.total) : t('rank.notFilled')}
                  </TableCell>
                  <TableCell className={mergeClasses(styles.number, preview.figure)}>
                    {r.result.filled && r.result.index ? num(r.result.index, 2) : '—'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
      <ConfirmDialog
        open={pending !== null}
        title={t('rank.dialogTitle')}
        confirmLabel={t('rank.replace')}
        alternativeLabel={t('rank.keep')}
        cancelLabel={t('common.cancel')}
        onConfirm={() => void write(plan(true))}
        onAlternative={() => pending && void write(pending)}
        onCancel={() => setPending(null)}
      >
        {t('rank.dialogBody', {
          count: typed.length,
          cells: someCells(typed.map((f) => f.cell)),
        })}
      </ConfirmDialog>
      <ConfirmDialog
        open={askErrors}
        title={t('rank.errorsDialogTitle', { count: errors.length })}
        confirmLabel={t('rank.writeAnyway')}
        cancelLabel={t('common.cancel')}
        onConfirm={() => start(true)}
        onCancel={() => setAskErrors(false)}
      >
        {t('rank.errorsDialogBody', { count: errors.length, cells: someCells(errors.map((f) => f.cell)) })}
      </ConfirmDialog>
    </section>
  );
}
