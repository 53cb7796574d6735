import { Badge, Button, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { memo, useMemo } from 'react';
import type { Finding, Severity } from '../../../core/finding';
import { findingKey } from '../../../core/state';
import { useI18n } from '../../i18n';
import { cardRules } from '../card-rules';

const useStyles = makeStyles({
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, marginBlockEnd: tokens.spacingVerticalM },
  heading: { margin: '0', fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  subheading: {
    margin: '0',
    marginBlockStart: tokens.spacingVerticalS,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
  },
  list: { listStyleType: 'none', margin: '0', padding: '0', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  item: { ...cardRules.finding, gap: tokens.spacingHorizontalXS },
  error: cardRules.error,
  warning: cardRules.warning,
  info: cardRules.info,
  ignored: { opacity: 0.75 },
  main: {
    flexGrow: 1,
    justifyContent: 'flex-start',
    textAlign: 'start',
    whiteSpace: 'normal',
    height: 'auto',
    minWidth: '0',
    paddingBlock: tokens.spacingVerticalXS,
    fontWeight: tokens.fontWeightRegular,
  },
  text: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalXXS },
  cell: { fontWeight: tokens.fontWeightSemibold, fontFamily: tokens.fontFamilyMonospace },
  actions: { flexShrink: 0, display: 'flex', flexDirection: 'column', alignItems: 'flex-end', gap: tokens.spacingVerticalXXS },
});

export interface FindingsListProps {
  findings: Finding[];
  /** Keys (findingKey) of the findings shown as ignored. */
  ignoredKeys?: ReadonlySet<string>;
  onSelect: (finding: Finding) => void;
  onIgnore: (finding: Finding) => void;
  onUnignore: (finding: Finding) => void;
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

interface Group {
  severity: Severity;
  criteria: { key: string; findings: Finding[] }[];
}

/** Findings by severity, then by criterion, in reading order within a criterion. */
export function groupFindings(findings: readonly Finding[]): Group[] {
  const groups: Group[] = [];
  for (const severity of SEVERITIES) {
    const mine = findings.filter((f) => f.severity === severity);
    if (mine.length === 0) continue;
    const byCriterion = new Map<string, Finding[]>();
    for (const f of mine) {
      const key = f.criterion ?? '';
      byCriterion.set(key, [...(byCriterion.get(key) ?? []), f]);
    }
    const keys = [...byCriterion.keys()].sort(compareCriterionKeys);
    groups.push({ severity, criteria: keys.map((key) => ({ key, findings: byCriterion.get(key)! })) });
  }
  return groups;
}

/** "1.2" before "1.10"; findings without a criterion last. */
function compareCriterionKeys(a: string, b: string): number {
  if (a === '' || b === '') return a === b ? 0 : a === '' ? 1 : -1;
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    const nx = Number(x);
    const ny = Number(y);
    if (!Number.isNaN(nx) && !Number.isNaN(ny) && nx !== ny) return nx - ny;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * The findings list. Each finding is a button (Tab to reach it, Enter or click to select its cell
 * in Excel) with an "ignore" button beside it. Memoised: the check view re-renders when a
 * re-validation starts and ends, and hundreds of unchanged findings need not be drawn again then.
 */
export const FindingsList = memo(function FindingsList({ findings, ...actions }: FindingsListProps) {
  const { t } = useI18n();
  const groups = useMemo(() => groupFindings(findings), [findings]);
  return (
    <div aria-label={t('check.listLabel')} role="region">
      {groups.map((g) => (
        <SeverityGroup key={g.severity} group={g} {...actions} />
      ))}
    </div>
  );
});

type ItemActions = Omit<FindingsListProps, 'findings'>;

/** One severity: its heading with the count, then its findings by criterion. */
function SeverityGroup({ group, ignoredKeys, ...handlers }: { group: Group } & ItemActions) {
  const { t } = useI18n();
  const styles = useStyles();
  const count = group.criteria.reduce((n, c) => n + c.findings.length, 0);
  return (
    <section className={styles.group} aria-labelledby={`findings-${group.severity}`}>
      <h3 id={`findings-${group.severity}`} className={styles.heading}>
        {t(`severity.${group.severity}`)} ({count})
      </h3>
      {group.criteria.map((c) => (
        <div key={c.key || '-'}>
          <h4 className={styles.subheading}>{c.key ? t('check.criterion', { key: c.key }) : t('check.general')}</h4>
          <ul className={styles.list}>
            {c.findings.map((f) => (
              <FindingItem
                key={`${findingKey(f)}|${f.unit ?? ''}`}
                finding={f}
                severity={group.severity}
                ignored={ignoredKeys?.has(findingKey(f)) ?? false}
                {...handlers}
              />
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

type ItemProps = { finding: Finding; severity: Severity; ignored: boolean } & Omit<ItemActions, 'ignoredKeys'>;

/**
 * Whether a finding item would draw the same: each analysis makes new finding objects, and after
 * an edit nearly all of them say what they said before, so only the changed ones are drawn again.
 */
function sameItem(a: ItemProps, b: ItemProps): boolean {
  const x = a.finding;
  const y = b.finding;
  return (
    a.severity === b.severity &&
    a.ignored === b.ignored &&
    a.onSelect === b.onSelect &&
    a.onIgnore === b.onIgnore &&
    a.onUnignore === b.onUnignore &&
    findingKey(x) === findingKey(y) &&
    x.message.vi === y.message.vi &&
    x.message.en === y.message.en
  );
}

/** A finding: where and what (a button to its cell when it has one), and ignore / unignore. */
const FindingItem = memo(function FindingItem({ finding: f, severity, ignored, onSelect, onIgnore, onUnignore }: ItemProps) {
  const { t, locale } = useI18n();
  const styles = useStyles();
  const key = findingKey(f);
  const where = f.cell ? `${f.sheet}!${f.cell}` : f.sheet;
  const body = (
    <span className={styles.text}>
      <span className={styles.cell}>{where}</span>
      <span>{f.message[locale]}</span>
    </span>
  );
  return (
    <li className={mergeClasses(styles.item, styles[severity], ignored && styles.ignored)} data-finding={key}>
      {f.cell ? (
        <Button
          appearance="subtle"
          className={styles.main}
          aria-label={t('check.goToLabel', { sheet: f.sheet, cell: f.cell, message: f.message[locale] })}
          onClick={() => onSelect(f)}
        >
          {body}
        </Button>
      ) : (
        <Text className={styles.main}>{body}</Text>
      )}
      <FindingActions finding={f} ignored={ignored} onIgnore={onIgnore} onUnignore={onUnignore} />
    </li>
  );
}, sameItem);

/** "Bỏ qua" beside a finding; once ignored, the "Đã bỏ qua" tag and "Không bỏ qua nữa". */
function FindingActions({
  finding: f,
  ignored,
  onIgnore,
  onUnignore,
}: { finding: Finding; ignored: boolean } & Pick<ItemActions, 'onIgnore' | 'onUnignore'>) {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <span className={styles.actions}>
      {ignored ? (
        <>
          <Badge appearance="outline" color="subtle" size="small">
            {t('check.ignoredTag')}
          </Badge>
          <Button
            size="small"
            appearance="transparent"
            aria-label={t('check.unignoreLabel', { sheet: f.sheet, cell: f.cell })}
            onClick={() => onUnignore(f)}
          >
            {t('check.unignore')}
          </Button>
        </>
      ) : (
        <Button
          size="small"
          appearance="transparent"
          aria-label={t('check.ignoreLabel', { sheet: f.sheet, cell: f.cell })}
          onClick={() => onIgnore(f)}
        >
          {t('check.ignore')}
        </Button>
      )}
    </span>
  );
}
