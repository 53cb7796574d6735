import { Badge, Button, Text, makeStyles, mergeClasses, tokens, useId } from '@fluentui/react-components';
import { ChevronDownRegular, ChevronUpRegular, ErrorCircleRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { ExcludedForm } from '../../../core/consolidate';
import type { Finding, Severity } from '../../../core/finding';
import { cardRules } from '../../components/card-rules';
import { SeverityCounts } from '../../components/SeverityCounts';
import { useI18n } from '../../i18n';
import { Fact } from '../shared/Fact';
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
  const { t } = useI18n();
  const styles = useViewStyles();
  return (
    <li className={styles.card} data-file={row.name}>
      <h4 className={styles.subheading}>{row.unit ?? row.name}</h4>
      <FileFacts row={row} />
      <SeverityCounts counts={row.counts} />
      {row.excluded ? <ExcludedNote excluded={row.excluded} /> : null}
      {row.findings.length > 0 ? (
        <FileFindings row={row} />
      ) : (
        <Text size={200} className={styles.muted}>
          {t('consolidate.noFindings')}
        </Text>
      )}
    </li>
  );
}

/** The file's name and year; for a form consolidated, the score used, its total, rank and column. */
function FileFacts({ row }: { row: FileRow }) {
  const { t, num } = useI18n();
  const styles = useViewStyles();
  const u = row.included;
  return (
    <dl className={styles.dl}>
      <Fact term={t('consolidate.file')}>{row.name}</Fact>
      <Fact term={t('consolidate.yearOfFile')}>{row.year ?? '—'}</Fact>
      {u ? (
        <>
          <Fact term={t('consolidate.used')}>{t(u.score === 'appraised' ? 'consolidate.used.appraised' : 'consolidate.used.self')}</Fact>
          <Fact term={t('consolidate.total')}>{num(u.total)}</Fact>
          <Fact term={t('consolidate.rank')}>
            {u.rank !== null && u.of !== null ? t('consolidate.rankOf', { rank: u.rank, of: u.of }) : '—'}
          </Fact>
          <Fact term={t('consolidate.column')}>{u.column}</Fact>
        </>
      ) : null}
    </dl>
  );
}

/** Why the form was left out of the consolidation. */
function ExcludedNote({ excluded }: { excluded: ExcludedForm }) {
  const { t, locale } = useI18n();
  const local = useStyles();
  return (
    <Text className={local.excluded} data-excluded={excluded.reason}>
      <ErrorCircleRegular className={local.icon} aria-hidden />
      <span>
        <strong>{t('consolidate.excluded')}:</strong> {excluded.message[locale]}
      </span>
    </Text>
  );
}

/** The disclosure button and, when open, the file's findings. */
function FileFindings({ row }: { row: FileRow }) {
  const { t } = useI18n();
  const local = useStyles();
  const [open, setOpen] = useState(false);
  const panelId = useId('file-findings');
  const count = row.findings.length;
  return (
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
          {row.findings.map((f, i) => (
            <FindingItem key={`${f.code}|${f.sheet}|${f.cell}|${i}`} finding={f} />
          ))}
        </ul>
      ) : null}
    </>
  );
}

/** One finding of the file: its severity, where it is (sheet and cell of the picked file) and what it says. */
function FindingItem({ finding: f }: { finding: Finding }) {
  const { t, locale } = useI18n();
  const local = useStyles();
  const where = f.sheet ? (f.cell ? `${f.sheet}!${f.cell}` : f.sheet) : '';
  return (
    <li className={mergeClasses(local.finding, local[f.severity])} data-code={f.code}>
      <Badge className={local.badge} size="small" appearance="tint" color={BADGE[f.severity]}>
        {t(`severity.${f.severity}`)}
      </Badge>
      <span className={local.text}>
        {where ? <span className={local.where}>{where}</span> : null}
        <span>{f.message[locale]}</span>
      </span>
    </li>
  );
}
