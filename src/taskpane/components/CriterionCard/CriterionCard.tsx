import { Badge } from '@fluentui/react-components';
import { makeStyles, tokens } from '@fluentui/react-components';
import { cardRules } from '../card-rules';
import type { EvidenceState } from '../../../core/score-entry';
import { useI18n } from '../../i18n';

const useStyles = makeStyles({
  ...cardRules,
  title: { margin: '0', fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  // Rule texts keep the line breaks typed in the form's Ghi chú column.
  dd: { ...cardRules.dd, whiteSpace: 'pre-line' },
});

export interface CriterionCardProps {
  /** "Tổng hợp!D23". */
  cell: string;
  /** "3.2.1 Tỷ lệ hồ sơ giải quyết đúng hạn". */
  criterion: string;
  unit?: string;
  /** Formatted maximum, or undefined when unknown. */
  max?: string;
  /** Formatted current score; undefined when empty. */
  current?: string;
  rule?: string;
  /** Formatted prior-year score; null when no prior year is loaded; '' when the prior data lacks it. */
  prior: string | null;
  evidence: EvidenceState;
  survey: boolean;
}

/** What the official needs while typing a score: criterion, maximum, rule, last year, evidence. */
export function CriterionCard(props: CriterionCardProps) {
  const { t } = useI18n();
  const styles = useStyles();
  const { cell, criterion, unit, max, current, rule, prior, evidence, survey } = props;
  return (
    <section className={styles.card} aria-labelledby="criterion-card-title" aria-live="polite">
      <h3 id="criterion-card-title" className={styles.title}>
        {criterion}
      </h3>
      {survey ? (
        <Badge appearance="tint" color="informative">
          {t('entry.survey')}
        </Badge>
      ) : null}
      <dl className={styles.dl}>
        <dt className={styles.dt}>{t('entry.cell')}</dt>
        <dd className={styles.dd}>{cell}</dd>
        {unit ? (
          <>
            <dt className={styles.dt}>{t('entry.unit')}</dt>
            <dd className={styles.dd}>{unit}</dd>
          </>
        ) : null}
        <dt className={styles.dt}>{t('entry.max')}</dt>
        <dd className={styles.dd} data-field="max">
          {max ?? t('common.unknown')}
        </dd>
        <dt className={styles.dt}>{t('entry.current')}</dt>
        <dd className={styles.dd}>{current ?? t('entry.empty')}</dd>
        <dt className={styles.dt}>{t('entry.rule')}</dt>
        <dd className={styles.dd}>{rule || t('entry.noRule')}</dd>
        <dt className={styles.dt}>{t('entry.prior')}</dt>
        <dd className={styles.dd} data-field="prior">
          {prior === null ? t('entry.priorNone') : prior === '' ? t('entry.priorMissing') : prior}
        </dd>
        {evidence !== 'none' ? (
          <>
            <dt className={styles.dt}>{t('entry.evidence')}</dt>
            <dd className={styles.dd} data-field="evidence">
              {evidence === 'filled' ? (
                <Badge color="success" appearance="tint">
                  {t('entry.evidenceFilled')}
                </Badge>
              ) : evidence === 'missing' ? (
                <Badge color="warning" appearance="tint">
                  {t('entry.evidenceMissing')}
                </Badge>
              ) : (
                t('entry.evidenceSurvey')
              )}
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
