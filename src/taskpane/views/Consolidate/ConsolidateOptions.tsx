import { Field, Radio, RadioGroup, Select } from '@fluentui/react-components';
import { useMemo } from 'react';
import { useI18n } from '../../i18n';
import { useViewStyles } from '../shared/styles';
import { yearsOf } from './file-rows';
import type { ConsolidateFilesState, ConsolidateFilesStore } from './files-store';

/** "Tùy chọn tổng hợp": which score to consolidate (appraised or self-assessed) and the year of the forms. */
export function ConsolidateOptions({ state, store }: { state: ConsolidateFilesState; store: ConsolidateFilesStore }) {
  const { t } = useI18n();
  const styles = useViewStyles();
  const years = useMemo(() => yearsOf(state.files), [state.files]);
  return (
    <>
      <h3 className={styles.subheading}>{t('consolidate.options')}</h3>
      <Field label={t('consolidate.score')}>
        <RadioGroup value={state.score} onChange={(_, d) => store.setScore(d.value === 'self' ? 'self' : 'appraised')}>
          <Radio value="appraised" label={t('consolidate.scoreAppraised')} />
          <Radio value="self" label={t('consolidate.scoreSelf')} />
        </RadioGroup>
      </Field>
      <Field label={t('consolidate.year')} hint={t('consolidate.yearHint')}>
        <Select value={state.year === null ? '' : String(state.year)} onChange={(_, d) => store.setYear(d.value ? Number(d.value) : null)}>
          <option value="">{t('consolidate.yearAuto')}</option>
          {years.map((y) => (
            <option key={y} value={String(y)}>
              {y}
            </option>
          ))}
        </Select>
      </Field>
    </>
  );
}
