import { Switch } from '@fluentui/react-components';
import { useMemo } from 'react';
import type { ConsolidationResult } from '../../../core/consolidate';
import { Notice } from '../../components/Notice';
import { useI18n } from '../../i18n';
import { useViewStyles } from '../shared/styles';
import { FileCard } from './FileCard';
import { fileRows, hasProblems } from './file-rows';
import type { ChosenFile } from './files-store';

export interface FileListProps {
  files: readonly ChosenFile[];
  result: ConsolidationResult;
  /** Only the files worth a look (left out, or with errors or warnings). */
  problemsOnly: boolean;
  onProblemsOnly: (problemsOnly: boolean) => void;
}

/** "Kết quả kiểm tra từng tệp": a card per chosen file, or only the files with problems. */
export function FileList({ files, result, problemsOnly, onProblemsOnly }: FileListProps) {
  const { t } = useI18n();
  const styles = useViewStyles();
  const rows = useMemo(() => fileRows(files, result), [result, files]);
  const shown = problemsOnly ? rows.filter(hasProblems) : rows;
  return (
    <>
      <h3 id="consolidate-files" className={styles.subheading}>
        {t('consolidate.files')}
      </h3>
      <Switch checked={problemsOnly} onChange={(_, d) => onProblemsOnly(d.checked)} label={t('consolidate.problemsOnly')} />
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
  );
}
