import { Badge, Button, Field, Radio, RadioGroup, Switch, mergeClasses } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { detectWorkbook } from '../../../core/detect';
import { countFindings } from '../../../core/finding';
import type { ScoringTable } from '../../../core/model';
import type { DetectionCorrection, WorkbookState } from '../../../core/state';
import { Notice } from '../../components/Notice';
import { SeverityCounts } from '../../components/SeverityCounts';
import { useI18n } from '../../i18n';
import { useSession } from '../../session/WorkbookSession';
import { useViewStyles } from '../shared/styles';

type ScoreChoice = 'self' | 'appraised' | 'both';

function setCorrection(state: WorkbookState, tableId: string, change: Partial<DetectionCorrection>): WorkbookState {
  const existing = state.corrections.find((c) => c.tableId === tableId) ?? { tableId };
  const next: DetectionCorrection = { ...existing, ...change };
  if (!next.excluded) delete next.excluded;
  if (!next.scoreSeries) delete next.scoreSeries;
  const others = state.corrections.filter((c) => c.tableId !== tableId);
  return { ...state, corrections: next.excluded || next.scoreSeries ? [...others, next] : others };
}

/** "Tổng quan": the tables found, and the user's corrections to the detection. */
export default function OverviewView() {
  const { t } = useI18n();
  const styles = useViewStyles();
  const session = useSession();
  const { snapshot, analysis } = session;
  const [saved, setSaved] = useState(false);
  // Every detected table, also the excluded ones, so that an exclusion can be undone.
  const detected = useMemo(
    () => (snapshot && analysis ? detectWorkbook(snapshot, { skipSheets: analysis.state.ownedSheets }).tables : []),
    [snapshot, analysis],
  );
  if (!snapshot || !analysis) return null;
  const state = analysis.state;
  const correctionOf = (id: string) => state.corrections.find((c) => c.tableId === id);

  const save = async (update: (s: WorkbookState) => WorkbookState) => {
    setSaved(false);
    if (await session.updateState(update)) setSaved(true);
  };
  const keepOnly = (id: string) => save((s) => detected.reduce((acc, tb) => setCorrection(acc, tb.id, { excluded: tb.id !== id }), s));

  const units = (tb: ScoringTable) => (tb.layout === 'scorecard' ? 1 : tb.series.length);
  const hasBothScores = (tb: ScoringTable) =>
    tb.layout === 'scorecard' && tb.series.some((s) => s.role === 'self') && tb.series.some((s) => s.role === 'appraised');

  return (
    <section className={styles.root} aria-labelledby="overview-heading">
      <h2 id="overview-heading" className={styles.heading}>
        {t('overview.heading')}
      </h2>
      <p className={mergeClasses(styles.muted, styles.paragraph)}>{t('overview.intro')}</p>
      <div className={styles.stack}>
        <h3 className={styles.subheading}>{t('overview.findings')}</h3>
        <SeverityCounts counts={countFindings(analysis.findings)} />
      </div>
      {saved ? <Notice intent="success">{t('overview.saved')}</Notice> : null}
      {detected.map((tb) => {
        const correction = correctionOf(tb.id);
        const excluded = !!correction?.excluded;
        const headingId = `table-${tb.id.replace(/[^A-Za-z0-9]/g, '-')}`;
        const name = tb.title || `${tb.sheet}!${tb.range}`;
        return (
          <section key={tb.id} className={styles.card} aria-labelledby={headingId} data-table={tb.id}>
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
            <dl className={styles.dl}>
              <dt className={styles.dt}>{t('overview.sheet')}</dt>
              <dd className={styles.dd}>{tb.sheet}</dd>
              <dt className={styles.dt}>{t('overview.range')}</dt>
              <dd className={styles.dd}>{tb.range}</dd>
              <dt className={styles.dt}>{t('overview.layout')}</dt>
              <dd className={styles.dd}>{t(`layout.${tb.layout}`)}</dd>
              <dt className={styles.dt}>{t('overview.year')}</dt>
              <dd className={styles.dd}>{tb.year ?? t('common.unknown')}</dd>
              <dt className={styles.dt}>{t('overview.units')}</dt>
              <dd className={styles.dd}>{units(tb)}</dd>
              <dt className={styles.dt}>{t('overview.criteria')}</dt>
              <dd className={styles.dd}>{tb.criteria.length}</dd>
            </dl>
            <Switch
              checked={!excluded}
              label={t('overview.use')}
              disabled={!!session.busy}
              onChange={(_, d) => void save((s) => setCorrection(s, tb.id, { excluded: !d.checked }))}
            />
            {hasBothScores(tb) ? (
              <Field label={t('overview.scoreColumn')}>
                <RadioGroup
                  value={(correction?.scoreSeries ?? 'both') as ScoreChoice}
                  onChange={(_, d) =>
                    void save((s) =>
                      setCorrection(s, tb.id, { scoreSeries: d.value === 'both' ? undefined : (d.value as 'self' | 'appraised') }),
                    )
                  }
                >
                  <Radio value="self" label={t('overview.scoreSelf')} />
                  <Radio value="appraised" label={t('overview.scoreAppraised')} />
                  <Radio value="both" label={t('overview.scoreBoth')} />
                </RadioGroup>
              </Field>
            ) : null}
            <div className={styles.row}>
              <Button
                size="small"
                aria-label={t('overview.goToLabel', { table: name })}
                onClick={() => void session.select(tb.sheet, tb.range.split(':')[0])}
              >
                {t('overview.goTo')}
              </Button>
              {detected.length > 1 ? (
                <Button size="small" disabled={!!session.busy} onClick={() => void keepOnly(tb.id)}>
                  {t('overview.useOnly')}
                </Button>
              ) : null}
            </div>
          </section>
        );
      })}
    </section>
  );
}
