import { Button, Field, ProgressBar, Radio, RadioGroup, Select, Switch, Text } from '@fluentui/react-components';
import { DocumentMultipleRegular, TableArrowUpRegular } from '@fluentui/react-icons';
import { useMemo, useState } from 'react';
import { consolidate, type ConsolidationResult } from '../../../core/consolidate';
import { readState } from '../../../core/state';
import { LiveRegion } from '../../components/LiveRegion';
import { Notice } from '../../components/Notice';
import { describeError } from '../../host/errors';
import { pickFilesWithInput } from '../../host/pick-files';
import { useI18n } from '../../i18n';
import { useSession } from '../../session/WorkbookSession';
import { priorOf } from '../Compare/comparison';
import { useViewStyles } from '../shared/styles';
import { FileCard } from './FileCard';
import { fileRows, hasProblems, yearsOf } from './file-rows';
import { useConsolidateFiles } from './files-store';

type Outcome = { result: ConsolidationResult; error?: undefined } | { result?: undefined; error: unknown };

/**
 * "Tổng hợp từ các tệp": the units' self-assessment forms, picked as files and read on this
 * computer, are checked and consolidated by the core (`consolidate`, as `par-scorecard
 * consolidate` does); the consolidation, ranking, differences and checks sheets are written into
 * the open workbook.
 */
export default function ConsolidateView() {
  const { t, locale } = useI18n();
  const styles = useViewStyles();
  const session = useSession();
  const { host } = session;
  const [state, store] = useConsolidateFiles(host);
  const [notice, setNotice] = useState('');
  const [problemsOnly, setProblemsOnly] = useState(false);

  const { snapshot } = session;
  // Planned under the names the sheets will get in this workbook, so the ranking cites the
  // consolidation written now even when an older one keeps its name (issue #15).
  const target = useMemo(
    () => (snapshot ? { sheetNames: snapshot.sheets.map((s) => s.name), owned: readState(snapshot).ownedSheets } : undefined),
    [snapshot],
  );
  // The prior year chosen in "So sánh năm trước", when there is one, gives the units' order.
  const order = useMemo(() => {
    const prior = session.analysis ? priorOf(session.analysis, session.prior) : null;
    return prior && prior.table.layout !== 'scorecard' ? prior.table.series.map((x) => x.name) : undefined;
  }, [session.analysis, session.prior]);
  const outcome = useMemo<Outcome | null>(() => {
    if (!state.inputs || state.inputs.length === 0) return null;
    try {
      return { result: consolidate(state.inputs, { score: state.score, year: state.year ?? undefined, locale, target, order }) };
    } catch (error) {
      return { error };
    }
  }, [state.inputs, state.score, state.year, locale, target, order]);
  const result = outcome?.result ?? null;
  const rows = useMemo(() => (result ? fileRows(state.files, result) : []), [result, state.files]);
  const years = useMemo(() => yearsOf(state.files), [state.files]);
  const shown = problemsOnly ? rows.filter(hasProblems) : rows;
  const busy = !!session.busy || state.reading;

  const pick = async () => {
    setNotice('');
    store.setError(null);
    try {
      const files = await (host.pickFiles ? host.pickFiles() : pickFilesWithInput());
      if (files.length > 0) await store.load(files);
    } catch (e) {
      store.setError({ kind: 'pick', cause: e });
    }
  };

  const write = async () => {
    if (!result || result.units.length === 0) return;
    setNotice('');
    // `result.merges` (the merged header cells of the consolidation) are not expressible in a
    // WritePlan yet: the pane skips them; the sheet is complete without them, only plainer.
    const applied = await session.apply(result.plan, t('consolidate.writing'));
    if (!applied) return;
    const nameOf = (desired: string) => applied.sheetNames.get(desired) ?? desired;
    setNotice(t('consolidate.written', { names: result.plan.sheets.map((s) => `"${nameOf(s.name)}"`).join(', ') }));
    // As `par-scorecard consolidate` does: the consolidation is the user's data from now on (the
    // tool owns only the result sheets), so the other views read it like any consolidation.
    const consolidation = nameOf(result.sheets.consolidation);
    await session.updateState((s) => ({ ...s, ownedSheets: s.ownedSheets.filter((n) => n !== consolidation) }));
  };

  const summary = result
    ? t('consolidate.summary', {
        year: result.year ?? t('consolidate.noYear'),
        units: result.units.length,
        files: state.files.length,
        excluded: result.excluded.length,
      })
    : '';
  const announcement = state.reading ? t('consolidate.readingStart', { total: state.files.length }) : summary;

  return (
    <section className={styles.root} aria-labelledby="consolidate-heading">
      <h2 id="consolidate-heading" className={styles.heading}>
        {t('view.consolidate')}
      </h2>
      <Text className={styles.paragraph}>{t('consolidate.intro')}</Text>
      <div className={styles.row}>
        <Button
          appearance={state.files.length === 0 ? 'primary' : 'secondary'}
          icon={<DocumentMultipleRegular />}
          disabled={busy}
          onClick={() => void pick()}
        >
          {state.files.length === 0 ? t('consolidate.pick') : t('consolidate.pickAgain')}
        </Button>
      </div>
      {state.error ? (
        <Notice
          intent="error"
          title={t(state.error.kind === 'reader' ? 'consolidate.readerFailed' : 'consolidate.pickFailed')}
          onDismiss={() => store.setError(null)}
        >
          {describeError(state.error.cause, locale).message}
        </Notice>
      ) : null}
      <LiveRegion message={announcement} />
      {state.reading ? (
        <Field label={t('consolidate.reading', { done: state.done, total: state.files.length })}>
          <ProgressBar value={state.done} max={Math.max(1, state.files.length)} thickness="large" />
        </Field>
      ) : null}
      {outcome?.error !== undefined ? (
        <Notice intent="error" title={t('error.title')}>
          {t('consolidate.failed', { detail: describeError(outcome.error, locale).message })}
        </Notice>
      ) : null}
      {result ? (
        <>
          <h3 className={styles.subheading}>{t('consolidate.options')}</h3>
          <Field label={t('consolidate.score')}>
            <RadioGroup value={state.score} onChange={(_, d) => store.setScore(d.value === 'self' ? 'self' : 'appraised')}>
              <Radio value="appraised" label={t('consolidate.scoreAppraised')} />
              <Radio value="self" label={t('consolidate.scoreSelf')} />
            </RadioGroup>
          </Field>
          <Field label={t('consolidate.year')} hint={t('consolidate.yearHint')}>
            <Select
              value={state.year === null ? '' : String(state.year)}
              onChange={(_, d) => store.setYear(d.value ? Number(d.value) : null)}
            >
              <option value="">{t('consolidate.yearAuto')}</option>
              {years.map((y) => (
                <option key={y} value={String(y)}>
                  {y}
                </option>
              ))}
            </Select>
          </Field>
          <Text className={styles.paragraph}>{summary}</Text>
          {result.units.length === 0 ? (
            <Notice intent="error" title={t('error.title')}>
              {t('consolidate.nothing')}
            </Notice>
          ) : result.excluded.length > 0 ? (
            <Notice intent="warning">{t('consolidate.someExcluded', { count: result.excluded.length })}</Notice>
          ) : null}
          <div className={styles.stack}>
            <div className={styles.row}>
              <Button
                appearance="primary"
                icon={<TableArrowUpRegular />}
                disabled={busy || result.units.length === 0}
                onClick={() => void write()}
              >
                {t('consolidate.write')}
              </Button>
            </div>
            <Text size={200} className={styles.muted}>
              {t('consolidate.writeHint')}
            </Text>
          </div>
          {notice ? <Notice intent="success">{notice}</Notice> : null}
          <h3 id="consolidate-files" className={styles.subheading}>
            {t('consolidate.files')}
          </h3>
          <Switch checked={problemsOnly} onChange={(_, d) => setProblemsOnly(d.checked)} label={t('consolidate.problemsOnly')} />
          {shown.length === 0 ? (
            <Notice intent="success">{t('consolidate.noProblems')}</Notice>
          ) : (
            <ul className={styles.plainList} aria-labelledby="consolidate-files">
              {shown.map((row) => (
                <FileCard key={row.id} row={row} />
              ))}
            </ul>
          )}
        </>
      ) : null}
    </section>
  );
}
