import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, mergeClasses } from '@fluentui/react-components';
import type { RankedSeries } from '../../../core/engine';
import { useI18n } from '../../i18n';
import { useViewStyles } from '../shared/styles';

// At 350 px a fixed layout gives each of the four columns a quarter and unit names wrap to three
// lines: the number columns take only what their figures need, the unit name the rest.
const usePreviewStyles = makeStyles({
  table: { tableLayout: 'auto' },
  numberColumn: { width: '1%' },
  figure: { whiteSpace: 'nowrap' },
});

/** "Xem trước xếp hạng": the units in rank order with their rank, total and index, as they will be written. */
export function RankPreview({ rows }: { rows: readonly RankedSeries[] }) {
  const { t } = useI18n();
  const styles = useViewStyles();
  const preview = usePreviewStyles();
  return (
    <>
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
            <PreviewRow key={r.result.series.headerCell} row={r} />
          ))}
        </TableBody>
      </Table>
    </>
  );
}

/** One unit: its rank, name, total ("not filled in" when empty) and index. */
function PreviewRow({ row }: { row: RankedSeries }) {
  const { t, num } = useI18n();
  const styles = useViewStyles();
  const preview = usePreviewStyles();
  const { result } = row;
  return (
    <TableRow data-unit={result.series.name}>
      <TableCell className={mergeClasses(styles.number, preview.figure)}>{row.rank ?? '—'}</TableCell>
      <TableCell>{result.series.name}</TableCell>
      <TableCell className={mergeClasses(styles.number, result.filled && preview.figure)}>
        {result.filled ? num(result.total) : t('rank.notFilled')}
      </TableCell>
      <TableCell className={mergeClasses(styles.number, preview.figure)}>
        {result.filled && result.index ? num(result.index, 2) : '—'}
      </TableCell>
    </TableRow>
  );
}
