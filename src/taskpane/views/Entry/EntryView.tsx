import { Button, Text } from '@fluentui/react-components';
import { CheckboxCheckedRegular } from '@fluentui/react-icons';
import { useEffect, useMemo, useState } from 'react';
import { parseA1, parseRange } from '../../../core/a1';
import { emptyPlan, type WritePlan } from '../../../core/plan';
import { locateScoreCell, planScoreEntry, priorScoreOf } from '../../../core/score-entry';
import { readScore } from '../../../core/scores';
import { cellText } from '../../../core/snapshot';
import { CriterionCard, type CriterionCardProps } from '../../components/CriterionCard';
import { Notice } from '../../components/Notice';
import { SeverityCounts } from '../../components/SeverityCounts';
import { Busy } from '../../components/Busy';
import { countFindings, type Finding } from '../../../core/finding';
import type { CellEvent } from '../../host/types';
import { BrowserFileHost } from '../../host/BrowserFileHost';
import { useI18n } from '../../i18n';
import { useSession } from '../../session/WorkbookSession';
import { useComparison } from '../Compare/comparison';
import { useViewStyles } from '../shared/styles';

/** The findings on a cell or range as the host reports it ("D23", "D23:E25", "Sheet!D23"). */
export function findingsAt(findings: readonly Finding[], at: CellEvent | null): Finding[] {
  if (!at) return [];
  let area: { top: number; left: number; bottom: number; right: number };
  try {
    const address = at.address.replace(/^.*!/, '').replace(/\$/g, '');
    area = parseRange(address);
  } catch {
    return [];
  }
  return findings.filter((f) => {
    if (f.sheet !== at.sheet || !f.cell) return false;
    try {
      const p = parseA1(f.cell.replace(/\$/g, '').split(':')[0]);
      return p.row >= area.top && p.row <= area.bottom && p.col >= area.left && p.col <= area.right;
    } catch {
      return false;
    }
  });
}

/** "Nhập điểm": data validation on score cells, and a card about the selected cell. */
export default function EntryView() {
  const { t, num, locale } = useI18n();
  const styles = useViewStyles();
  const session = useSession();
  const { snapshot, analysis, selection, revalidating } = session;
  const { prior, comparison } = useComparison();
  const [notice, setNotice] = useState<{ intent: 'success' | 'info'; text: string } | null>(null);
  // The cell just typed in: Excel moves the selection on with Enter, so its findings are shown too.
  const [edited, setEdited] = useState<CellEvent | null>(null);
  useEffect(() => session.host.onChanged(setEdited), [session.host]);
  const standalone = session.host instanceof BrowserFileHost;

  const card = useMemo((): CriterionCardProps | { outside: string } | null => {
    if (!selection || !snapshot || !analysis) return null;
    const sheet = snapshot.sheets.find((s) => s.name === selection.sheet);
    let pos: { row: number; col: number };
    try {
      pos = parseA1(selection.address.split(':')[0].replace(/^.*!/, ''));
    } catch {
      return null;
    }
    const address = `${selection.sheet}!${selection.address.split(':')[0].replace(/^.*!/, '')}`;
    const info = sheet ? locateScoreCell(analysis.tables, sheet, pos.row, pos.col) : null;
    if (!info?.criterion) return { outside: address };
    const { criterion, series, scoreCell, evidence, table } = info;
    const reading = readScore(scoreCell);
    let priorText: string | null = null;
    if (prior && series) {
      const unitMap = new Map((comparison?.units ?? []).filter((u) => u.priorUnit).map((u) => [u.unit, u.priorUnit!]));
      const value = priorScoreOf(table, series, criterion.key, prior.result, unitMap);
      priorText = value ? num(value) : '';
    }
    return {
      cell: address,
      criterion: `${criterion.rawCode} ${criterion.title}`.trim(),
      unit: table.layout === 'scorecard' && table.unitName && series ? `${table.unitName} — ${series.name}` : series?.name,
      max: criterion.max ? num(criterion.max) : undefined,
      current: reading.kind === 'number' ? num(reading.value) : cellText(scoreCell) || undefined,
      rule: criterion.ruleText,
      prior: priorText,
      evidence,
      survey: criterion.survey,
    };
  }, [selection, snapshot, analysis, prior, comparison, num]);

  if (!analysis) return null;

  // What the check says about the selected cell and the cell just typed in, at once (issue #15).
  const sameCell = (a: Finding, b: Finding) => a.sheet === b.sheet && a.cell === b.cell && a.code === b.code;
  const onCells = [...findingsAt(analysis.findings, selection), ...findingsAt(analysis.findings, edited)].filter(
    (f, i, all) => all.findIndex((g) => sameCell(f, g)) === i,
  );

  const addValidation = async () => {
    setNotice(null);
    const plan: WritePlan = {
      ...emptyPlan(),
      dataValidations: analysis.tables.flatMap((tb) => planScoreEntry(tb, locale).dataValidations ?? []),
    };
    const count = plan.dataValidations?.length ?? 0;
    if (count === 0) {
      setNotice({ intent: 'info', text: t('entry.noRules') });
      return;
    }
    const applied = await session.apply(plan, t('app.working'));
    if (applied) setNotice({ intent: 'success', text: t('entry.validated', { count }) });
  };

  return (
    <section className={styles.root} aria-labelledby="entry-heading">
      <h2 id="entry-heading" className={styles.heading}>
        {t('entry.heading')}
      </h2>
      <Text>{t('entry.intro')}</Text>
      {standalone ? <Notice intent="info">{t('entry.standalone')}</Notice> : null}
      <div className={styles.row}>
        <Button
          icon={<CheckboxCheckedRegular />}
          disabled={!!session.busy || analysis.tables.length === 0}
          onClick={() => void addValidation()}
        >
          {t('entry.validate')}
        </Button>
      </div>
      {notice ? <Notice intent={notice.intent}>{notice.text}</Notice> : null}
      <SeverityCounts counts={countFindings(analysis.findings)} />
      {revalidating ? <Busy label={t('check.revalidating')} /> : null}
      {onCells.length > 0 ? (
        <div className={styles.stack} data-testid="cell-findings">
          {onCells.map((f) => (
            <Notice key={`${f.sheet}!${f.cell} ${f.code}`} intent={f.severity === 'info' ? 'info' : f.severity}>
              {t('entry.finding', { cell: `${f.sheet}!${f.cell}`, message: f.message[locale] })}
            </Notice>
          ))}
        </div>
      ) : null}
      {card === null ? (
        <Text className={styles.muted}>{t('entry.waiting')}</Text>
      ) : 'outside' in card ? (
        <Text className={styles.muted}>{t('entry.outside', { cell: card.outside })}</Text>
      ) : (
        <CriterionCard {...card} />
      )}
    </section>
  );
}
