import { Button, Field, Radio, RadioGroup, Text } from '@fluentui/react-components';
import { DocumentArrowUpRegular } from '@fluentui/react-icons';
import type { ScoringTable } from '../../../core/model';
import { Notice } from '../../components/Notice';
import { useI18n } from '../../i18n';
import { useSession } from '../../session/WorkbookSession';
import { useViewStyles } from '../shared/styles';
import { TablePicker } from '../shared/TablePicker';
import type { SourceKind } from './use-compare';

export interface PriorSourceProps {
  kind: SourceKind;
  onKindChange: (kind: SourceKind) => void;
  /** The workbook's tables the prior year can be. */
  others: readonly ScoringTable[];
  onPickTable: (tableId: string) => void;
  onPickFile: () => void;
}

/** "Lấy số liệu năm trước từ": a table of this workbook, or another file picked on this computer. */
export function PriorSource({ kind, onKindChange, others, onPickTable, onPickFile }: PriorSourceProps) {
  const { t } = useI18n();
  return (
    <>
      <Field label={t('compare.source')}>
        <RadioGroup value={kind} onChange={(_, d) => onKindChange(d.value === 'file' ? 'file' : 'workbook')}>
          <Radio value="workbook" label={t('compare.fromWorkbook')} />
          <Radio value="file" label={t('compare.fromFile')} />
        </RadioGroup>
      </Field>
      {kind === 'workbook' ? <PriorTable others={others} onPick={onPickTable} /> : <PriorFile onPick={onPickFile} />}
    </>
  );
}

/** The prior year's table in this workbook, or a note that there is no other table. */
function PriorTable({ others, onPick }: { others: readonly ScoringTable[]; onPick: (tableId: string) => void }) {
  const { t } = useI18n();
  const { prior } = useSession();
  if (others.length === 0) return <Notice intent="info">{t('compare.noOther')}</Notice>;
  return (
    <TablePicker
      label={t('compare.priorTable')}
      tables={others}
      value={prior?.kind === 'workbook' ? prior.tableId : null}
      onChange={onPick}
    />
  );
}

/** The button that picks the prior year's file, the file chosen, and what the file must hold. */
function PriorFile({ onPick }: { onPick: () => void }) {
  const { t } = useI18n();
  const styles = useViewStyles();
  const { prior, busy } = useSession();
  return (
    <div className={styles.stack}>
      <div className={styles.row}>
        <Button icon={<DocumentArrowUpRegular />} disabled={!!busy} onClick={onPick}>
          {t('compare.pickFile')}
        </Button>
        {prior?.kind === 'file' ? <Text>{prior.fileName}</Text> : null}
      </div>
      <Text size={200} className={styles.muted}>
        {t('compare.fileNote')}
      </Text>
    </div>
  );
}
