import { Select, makeStyles, tokens, useId } from '@fluentui/react-components';
import type { Locale } from '../../../core/finding';
import { useI18n } from '../../i18n';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
});

export interface LanguagePickerProps {
  value: Locale;
  onChange: (locale: Locale) => void;
}

/** Tiếng Việt / English. */
export function LanguagePicker({ value, onChange }: LanguagePickerProps) {
  const { t } = useI18n();
  const styles = useStyles();
  const id = useId('language');
  return (
    <div className={styles.root}>
      <label htmlFor={id}>{t('app.language')}</label>
      <Select id={id} size="small" value={value} onChange={(_, data) => onChange(data.value === 'en' ? 'en' : 'vi')}>
        <option value="vi">{t('app.language.vi')}</option>
        <option value="en">{t('app.language.en')}</option>
      </Select>
    </div>
  );
}
