import { Button, Field, Radio, RadioGroup, Text } from '@fluentui/react-components';
import { DocumentArrowUpRegular, EraserRegular, TableArrowUpRegular } from '@fluentui/react-icons';
import { useMemo, useState } from 'react';
import { hasPriorProblem, planComparison } from '../../../core/compare';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CopyableText } from '../../components/CopyableText';
import { LiveRegion } from '../../components/LiveRegion';
import { Notice } from '../../components/Notice';
import { PaneError } from '../../host/errors';
import { useI18n } from '../../i18n';
import { useSession } from '../../session/WorkbookSession';
import { useViewStyles } from '../shared/styles';
import { ReportPanel } from '../shared/ReportPanel';
import { TablePicker } from '../shared/TablePicker';
import { useComparison, priorFromWorkbook } from './comparison';
import { readPickedWorkbook } from './load-prior';

type SourceKind = 'workbook' | 'file';

/** "So sánh năm trước": choose the prior year, read the per-unit remarks, write the comparison sheet. */
export default function CompareView() {
  const { t, locale } = useI18n();
  const styles = useViewStyles();
  const session = useSession();
  const { analysis, prior, host } = session;
  const { current, comparison } = useComparison();
  const [kind, setKind] = useState<SourceKind>(prior?.kind ?? 'workbook');
  const [notice, setNotice] = useState('');
  const [announce, setAnnounce] = useState('');
  const [confirming, setConfirming] = useState(false);

  const others = useMemo(
    () => (analysis?.results ?? []).map((r) => r.table).filter((tb) => tb.id !== current?.table.id),
    [analysis, current],
  );
  if (!analysis) return null;

  const pickFile = async () => {
    setNotice('');
    const loaded = await session.run(t('app.working'), async () => {
      const file = await host.pickFile();
      if (!file) return null;
      const workbook = await readPickedWorkbook(file);
      const found = priorFromWorkbook(workbook);
      if (!found) throw new PaneError('read', 'compare.fileNoTable', { name: file.name });
      session.setPrior({ kind: 'file', fileName: file.name, table: found.table, result: found.result });
      return file.name;
    });
    if (loaded) setNotice(t('compare.fileLoaded', { name: loaded }));
  };

  // A prior year that cannot be this table's (not earlier, one unit's form, too few units in
  // common) is written only after the user confirms: its sheet and sentences would be wrong.
  const priorProblem = comparison ? hasPriorProblem(comparison.findings) : false;
  const priorErrors = comparison ? comparison.findings.filter((f) => f.severity === 'error') : [];
  const otherNotes = comparison ? comparison.findings.filter((f) => f.severity !== 'error') : [];

  const writeSheet = async () => {
    setConfirming(false);
    if (!comparison) return;
    setNotice('');
    const { sheet, write } = planComparison(comparison, locale);
    const applied = await session.apply(write, t('app.working'));
    if (applied) setNotice(t('compare.written', { name: applied.sheetNames.get(sheet.name) ?? sheet.name }));
  };

  const clear = async () => {
    setNotice('');
    const done = await session.run(t('app.working'), async () => {
      await host.clearHighlights();
      return true;
    });
    if (done) setNotice(t('compare.cleared'));
  };

  const ranked = analysis.results.map((r) => r.table);
  return (
    <section className={styles.root} aria-labelledby="compare-heading">
      <h2 id="compare-heading" className={styles.heading}>
        {t('view.compare')}
      </h2>
      {ranked.length > 1 ? (
        <TablePicker
          label={t('compare.current')}
          tables={ranked}
          value={current?.table.id ?? null}
          onChange={(id) => session.setCompareTableId(id)}
        />
      ) : null}
      <Field label={t('compare.source')}>
        <RadioGroup value={kind} onChange={(_, d) => setKind(d.value === 'file' ? 'file' : 'workbook')}>
          <Radio value="workbook" label={t('compare.fromWorkbook')} />
          <Radio value="file" label={t('compare.fromFile')} />
        </RadioGroup>
      </Field>
      {kind === 'workbook' ? (
        others.length > 0 ? (
          <TablePicker
            label={t('compare.priorTable')}
            tables={others}
            value={prior?.kind === 'workbook' ? prior.tableId : null}
            onChange={(id) => {
              setNotice('');
              session.setPrior({ kind: 'workbook', tableId: id });
            }}
          />
        ) : (
          <Notice intent="info">{t('compare.noOther')}</Notice>
        )
      ) : (
        <div className={styles.stack}>
          <div className={styles.row}>
            <Button icon={<DocumentArrowUpRegular />} disabled={!!session.busy} onClick={() => void pickFile()}>
              {t('compare.pickFile')}
            </Button>
            {prior?.kind === 'file' ? <Text>{prior.fileName}</Text> : null}
          </div>
          <Text size={200} className={styles.muted}>
            {t('compare.fileNote')}
          </Text>
        </div>
      )}
      {notice ? <Notice intent="success">{notice}</Notice> : null}
      {priorErrors.length > 0 ? (
        <Notice intent="error" title={t('compare.priorProblemTitle')}>
          {priorErrors.map((f) => (
            <div key={`${f.code}|${f.cell}`}>{f.message[locale]}</div>
          ))}
        </Notice>
      ) : null}
      <div className={styles.row}>
        <Button
          appearance="primary"
          icon={<TableArrowUpRegular />}
          disabled={!comparison || !!session.busy}
          onClick={() => (priorProblem ? setConfirming(true) : void writeSheet())}
        >
          {t('compare.write')}
        </Button>
        <Button icon={<EraserRegular />} disabled={!!session.busy} onClick={() => void clear()}>
          {t('compare.clear')}
        </Button>
      </div>
      <ReportPanel current={current} comparison={comparison} />
      <LiveRegion message={comparison ? `${t('compare.done', { count: comparison.units.length })} ${announce}` : announce} />
      {comparison ? (
        <div className={styles.stack}>
          <h3 className={styles.subheading}>{t('compare.results')}</h3>
          {otherNotes.length > 0 ? (
            <Notice intent="info">
              {otherNotes.map((f) => (
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
                  onCopied={() => setAnnounce(t('compare.copied', { unit: u.unit }))}
                />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title={t('compare.confirmTitle')}
        confirmLabel={t('compare.confirmWrite')}
        cancelLabel={t('compare.confirmCancel')}
        onConfirm={() => void writeSheet()}
        onCancel={() => setConfirming(false)}
      >
        {t('compare.confirmBody')}
      </ConfirmDialog>
    </section>
  );
}
