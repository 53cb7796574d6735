import { Button, Field, ProgressBar, Text } from '@fluentui/react-components';
import { DocumentMultipleRegular, TableArrowUpRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { ConsolidationResult } from '../../../core/consolidate';
import { LiveRegion } from '../../components/LiveRegion';
import { Notice } from '../../components/Notice';
import { describeError } from '../../host/errors';
import { useI18n } from '../../i18n';
import { useSession } from '../../session/WorkbookSession';
import { useViewStyles } from '../shared/styles';
import { ViewSection } from '../shared/ViewSection';
import { ConsolidateOptions } from './ConsolidateOptions';
import { FileList } from './FileList';
import { useConsolidateFiles, type ConsolidateFilesError } from './files-store';
import { useConsolidateActions, useConsolidation } from './use-consolidation';

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
  const [state, store] = useConsolidateFiles(session.host);
  const { outcome, result, summary } = useConsolidation(state);
  const actions = useConsolidateActions(store);
  const [problemsOnly, setProblemsOnly] = useState(false);
  const busy = !!session.busy || state.reading;
  const announcement = state.reading ? t('consolidate.readingStart', { total: state.files.length }) : summary;
  return (
    <ViewSection id="consolidate" title={t('view.consolidate')}>
      <Text className={styles.paragraph}>{t('consolidate.intro')}</Text>
      <PickButton first={state.files.length === 0} disabled={busy} onPick={() => void actions.pick()} />
      {state.error ? <PickError error={state.error} onDismiss={() => store.setError(null)} /> : null}
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
          <ConsolidateOptions state={state} store={store} />
          <Text className={styles.paragraph}>{summary}</Text>
          <LeftOut result={result} />
          <WriteSheets disabled={busy || result.units.length === 0} onWrite={() => void actions.write(result)} />
          {actions.notice ? <Notice intent="success">{actions.notice}</Notice> : null}
          <FileList files={state.files} result={result} problemsOnly={problemsOnly} onProblemsOnly={setProblemsOnly} />
        </>
      ) : null}
    </ViewSection>
  );
}

/** "Chọn các tệp…" the first time (the view's main button), "Chọn lại các tệp…" after. */
function PickButton({ first, disabled, onPick }: { first: boolean; disabled: boolean; onPick: () => void }) {
  const { t } = useI18n();
  const styles = useViewStyles();
  return (
    <div className={styles.row}>
      <Button appearance={first ? 'primary' : 'secondary'} icon={<DocumentMultipleRegular />} disabled={disabled} onClick={onPick}>
        {first ? t('consolidate.pick') : t('consolidate.pickAgain')}
      </Button>
    </div>
  );
}

/** Why the files could not be chosen, or the reader could not load. */
function PickError({ error, onDismiss }: { error: ConsolidateFilesError; onDismiss: () => void }) {
  const { t, locale } = useI18n();
  return (
    <Notice intent="error" title={t(error.kind === 'reader' ? 'consolidate.readerFailed' : 'consolidate.pickFailed')} onDismiss={onDismiss}>
      {describeError(error.cause, locale).message}
    </Notice>
  );
}

/** No unit to consolidate (an error), or how many forms were left out (a warning). */
function LeftOut({ result }: { result: ConsolidationResult }) {
  const { t } = useI18n();
  if (result.units.length === 0) {
    return (
      <Notice intent="error" title={t('error.title')}>
        {t('consolidate.nothing')}
      </Notice>
    );
  }
  if (result.excluded.length === 0) return null;
  return <Notice intent="warning">{t('consolidate.someExcluded', { count: result.excluded.length })}</Notice>;
}

/** The button that writes the sheets, and what writing them does to the workbook. */
function WriteSheets({ disabled, onWrite }: { disabled: boolean; onWrite: () => void }) {
  const { t } = useI18n();
  const styles = useViewStyles();
  return (
    <div className={styles.stack}>
      <div className={styles.row}>
        <Button appearance="primary" icon={<TableArrowUpRegular />} disabled={disabled} onClick={onWrite}>
          {t('consolidate.write')}
        </Button>
      </div>
      <Text size={200} className={styles.muted}>
        {t('consolidate.writeHint')}
      </Text>
    </div>
  );
}
