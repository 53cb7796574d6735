import { Badge, Button, Field, Radio, RadioGroup, Switch } from '@fluentui/react-components';
import type { ScoringTable } from '../../../core/model';
import type { DetectionCorrection, WorkbookState } from '../../../core/state';
import { useI18n } from '../../i18n';
import { useSession } from '../../session/WorkbookSession';
import { Fact } from '../shared/Fact';
import { useViewStyles } from '../shared/styles';
import { setCorrection } from './corrections';

type ScoreChoice = 'self' | 'appraised' | 'both';

export interface TableCardProps {
  table: ScoringTable;
  correction: DetectionCorrection | undefined;
  /** Whether other tables were found ("use only this one" is offered then). */
  others: boolean;
  save: (update: (s: WorkbookState) => WorkbookState) => void;
  keepOnly: (tableId: string) => void;
}

/** One detected table: what it is, whether it is used, which score column counts, and going to it. */
export function TableCard({ table: tb, correction, others, save, keepOnly }: TableCardProps) {
  const { t } = useI18n();
  const styles = useViewStyles();
  const session = useSession();
  const excluded = !!correction?.excluded;
  const headingId = `table-${tb.id.replace(/[^A-Za-z0-9]/g, '-')}`;
  const name = tb.title || `${tb.sheet}!${tb.range}`;
  return (
    <section className={styles.card} aria-labelledby={headingId} data-table={tb.id}>
      <div className={styles.row}>
        <h3 id={headingId} className={styles.subheading}>
          {name}
        </h3>
        {excluded ? (
          <Badge appearance="tint" color="subtle">
            {t('overview.excluded')}
          </Badge>
        ) : null}
      </div>
      <TableFacts table={tb} />
      <Switch
        checked={!excluded}
        label={t('overview.use')}
        disabled={!!session.busy}
        onChange={(_, d) => save((s) => setCorrection(s, tb.id, { excluded: !d.checked }))}
      />
      {hasBothScores(tb) ? <ScoreColumnChoice table={tb} correction={correction} save={save} /> : null}
      <div className={styles.row}>
        <Button
          size="small"
          aria-label={t('overview.goToLabel', { table: name })}
          onClick={() => void session.select(tb.sheet, tb.range.split(':')[0])}
        >
          {t('overview.goTo')}
        </Button>
        {others ? (
          <Button size="small" disabled={!!session.busy} onClick={() => keepOnly(tb.id)}>
            {t('overview.useOnly')}
          </Button>
        ) : null}
      </div>
    </section>
  );
}

/** A unit's form that carries both a self-assessed and an appraised score column. */
const hasBothScores = (tb: ScoringTable) =>
  tb.layout === 'scorecard' && tb.series.some((s) => s.role === 'self') && tb.series.some((s) => s.role === 'appraised');

/** The table's sheet, range, layout, year, number of units and of criteria. */
function TableFacts({ table: tb }: { table: ScoringTable }) {
  const { t } = useI18n();
  const styles = useViewStyles();
  return (
    <dl className={styles.dl}>
      <Fact term={t('overview.sheet')}>{tb.sheet}</Fact>
      <Fact term={t('overview.range')}>{tb.range}</Fact>
      <Fact term={t('overview.layout')}>{t(`layout.${tb.layout}`)}</Fact>
      <Fact term={t('overview.year')}>{tb.year ?? t('common.unknown')}</Fact>
      <Fact term={t('overview.units')}>{tb.layout === 'scorecard' ? 1 : tb.series.length}</Fact>
      <Fact term={t('overview.criteria')}>{tb.criteria.length}</Fact>
    </dl>
  );
}

/** Which score a unit's form counts: the self-assessed, the appraised, or both. */
function ScoreColumnChoice({ table: tb, correction, save }: Pick<TableCardProps, 'table' | 'correction' | 'save'>) {
  const { t } = useI18n();
  return (
    <Field label={t('overview.scoreColumn')}>
      <RadioGroup
        value={(correction?.scoreSeries ?? 'both') as ScoreChoice}
        onChange={(_, d) =>
          save((s) => setCorrection(s, tb.id, { scoreSeries: d.value === 'both' ? undefined : (d.value as 'self' | 'appraised') }))
        }
      >
        <Radio value="self" label={t('overview.scoreSelf')} />
        <Radio value="appraised" label={t('overview.scoreAppraised')} />
        <Radio value="both" label={t('overview.scoreBoth')} />
      </RadioGroup>
    </Field>
  );
}
