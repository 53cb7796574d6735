import type { Comparison } from '../../../core/compare';
import { CopyableText } from '../../components/CopyableText';
import { Notice } from '../../components/Notice';
import { useI18n } from '../../i18n';
import { useViewStyles } from '../shared/styles';

/** "Nhận xét theo đơn vị": the comparison's notes, then each unit's remark, ready to copy. */
export function UnitSummaries({ comparison, onCopied }: { comparison: Comparison; onCopied: (unit: string) => void }) {
  const { t, locale } = useI18n();
  const styles = useViewStyles();
  const notes = comparison.findings.filter((f) => f.severity !== 'error');
  return (
    <div className={styles.stack}>
      <h3 className={styles.subheading}>{t('compare.results')}</h3>
      {notes.length > 0 ? (
        <Notice intent="info">
          {notes.map((f) => (
            <div key={`${f.code}|${f.unit ?? ''}|${f.cell}`}>{f.message[locale]}</div>
          ))}
        </Notice>
      ) : null}
      <ul className={styles.plainList}>
        {comparison.units.map((u) => (
          <li key={u.cell || u.unit} className={styles.card} data-unit={u.unit}>
            <h4 className={styles.subheading}>{u.unit}</h4>
            <CopyableText
              text={u.summary[locale]}
              copyLabel={t('compare.copyLabel', { unit: u.unit })}
              fallbackLabel={t('compare.fallbackLabel', { unit: u.unit })}
              onCopied={() => onCopied(u.unit)}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}
