import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import type { Severity } from '../../../core/finding';
import { useI18n } from '../../i18n';

const useStyles = makeStyles({
  root: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

const COLOR: Record<Severity, 'danger' | 'warning' | 'informative'> = { error: 'danger', warning: 'warning', info: 'informative' };

export interface SeverityCountsProps {
  counts: Record<Severity, number>;
}

/** Error / warning / info counts as badges, readable as one group by a screen reader. */
export function SeverityCounts({ counts }: SeverityCountsProps) {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <div className={styles.root} role="group" aria-label={t('count.label')}>
      {(['error', 'warning', 'info'] as const).map((s) => (
        <Badge key={s} color={COLOR[s]} appearance={counts[s] > 0 ? 'filled' : 'tint'} shape="rounded" data-severity={s}>
          {t(`count.${s}`, { count: counts[s] })}
        </Badge>
      ))}
    </div>
  );
}
