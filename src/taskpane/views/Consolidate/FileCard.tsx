import { Badge, Button, Text, makeStyles, mergeClasses, tokens, useId } from '@fluentui/react-components';
import { ChevronDownRegular, ChevronUpRegular, ErrorCircleRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { Severity } from '../../../core/finding';
import { cardRules } from '../../components/card-rules';
import { SeverityCounts } from '../../components/SeverityCounts';
import { useI18n } from '../../i18n';
import { useViewStyles } from '../shared/styles';
import type { FileRow } from './file-rows';

const useStyles = makeStyles({
  excluded: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorPaletteRedForeground1,
  },
  icon: { flexShrink: 0, marginBlockStart: '2px' },
  toggle: { alignSelf: 'flex-start' },
  findings: {
    listStyleType: 'none',
    margin: '0',
    padding: '0',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  finding: { ...cardRules.finding, gap: tokens.spacingHorizontalS },
  error: cardRules.error,
  warning: cardRules.warning,
  info: cardRules.info,
  badge: { flexShrink: 0 },
  text: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: '0', overflowWrap: 'anywhere' },
  where: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground3 },
});

const BADGE: Record<Severity, 'danger' | 'warning' | 'informative'> = { error: 'danger', warning: 'warning', info: 'informative' };

/**
 * One chosen file: its unit (or, unknown, its name), year, counts, what became of it, and its
 * findings behind a disclosure button (Enter/Space; the state is read out as expanded/collapsed).
 * The cells named are in the picked file, not in this workbook, so they are text, not links.
 */
export function FileCard({ row }: { row: FileRow }) {
  const { t, num, locale } = useI18n();
  const styles = useViewStyles();
  const local = useStyles();
  const [open, setOpen] = useState(false);
  const panelId = useId('file-findings');
  const count = row.findings.length;
  const u = row.included;
  return (
    <li className={styles.card} data-file={row.name}>
      <h4 className={styles.subheading}>{row.unit ?? row.name}</h4>
      <dl className={styles.dl}>
        <dt className={styles.dt}>{t('consolidate.file')}</dt>
        <dd className={styles.dd}>{row.name}</dd>
        <dt className={styles.dt}>{t('consolidate.yearOfFile')}</dt>
        <dd className={styles.dd}>{row.year ?? '—'}</dd>
        {u ? (
          <>
            <dt className={styles.dt}>{t('consolidate.used')}</dt>
            <dd className={styles.dd}>{t(u.score === 'appraised' ? 'consolidate.used.appraised' : 'consolidate.used.self')}</dd>
            <dt className={styles.dt}>{t('consolidate.total')}</dt>
            <dd className={styles.dd}>{num(u.total)}</dd>
            <dt className={styles.dt}>{t('consolidate.rank')}</dt>
            <dd className={styles.dd}>{u.rank !== null && u.of !== null ? t('consolidate.rankOf', { rank: u.rank, of: u.of }) : '—'}</dd>
            <dt className={styles.dt}>{t('consolidate.column')}</dt>
            <dd className={styles.dd}>{u.column}</dd>
          </>
        ) : null}
      </dl>
      <SeverityCounts counts={row.counts} />
      {row.excluded ? (
        <Text className={local.excluded} data-excluded={row.excluded.reason}>
          <ErrorCircleRegular className={local.icon} aria-hidden />
          <span>
            <strong>{t('consolidate.excluded')}:</strong> {row.excluded.message[locale]}
          </span>
        </Text>
      ) : null}
      {count > 0 ? (
        <>
          <Button
            className={local.toggle}
            size="small"
            appearance="transparent"
            icon={open ? <ChevronUpRegular /> : <ChevronDownRegular />}
            aria-expanded={open}
            aria-controls={open ? panelId : undefined}
            aria-label={
              open ? t('consolidate.hideFindingsLabel', { file: row.name }) : t('consolidate.showFindingsLabel', { file: row.name, count })
            }
            onClick={() => setOpen((o) => !o)}
          >
            {open ? t('consolidate.hideFindings') : t('consolidate.showFindings', { count })}
          </Button>
          {open ? (
            <ul id={panelId} className={local.findings} aria-label={t('consolidate.findingsOf', { file: row.name })}>
              {row.findings.map((f, i) => {
                const where = f.sheet ? (f.cell ? `${f.sheet}!${f.cell}` : f.sheet) : '';
                return (
                  <li
                    key={`${f.code}|${f.sheet}|${f.cell}|${i}`}
                    className={mergeClasses(local.finding, local[f.severity])}
                    data-code={f.code}
                  >
                    <Badge className={local.badge} size="small" appearance="tint" color={BADGE[f.severity]}>
                      {t(`severity.${f.severity}`)}
                    </Badge>
                    <span className={local.text}>
                      {where ? <span className={local.where}>{where}</span> : null}
                      <span>{f.message[locale]}</span>
                    </span>
                  </li>
                );
              })}
            </ul>
          ) : null}
        </>
      ) : (
        <Text size={200} className={styles.muted}>
          {t('consolidate.noFindings')}
        </Text>
      )}
    </li>
  );
}
