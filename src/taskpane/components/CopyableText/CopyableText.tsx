import { Button, Field, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { CopyRegular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  line: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS },
  // The sentence takes the room; the button keeps its one-word label on one line.
  text: { flexGrow: 1, flexShrink: 1, minWidth: '0', userSelect: 'text' },
  button: { flexShrink: 0, whiteSpace: 'nowrap' },
});

export interface CopyableTextProps {
  text: string;
  /** Accessible name of the copy button ("Sao chép nhận xét về Phường An Lạc"). */
  copyLabel: string;
  /** Label of the fallback text box. */
  fallbackLabel: string;
  /** Called after a successful copy (to announce it). */
  onCopied?: () => void;
}

async function writeClipboard(text: string): Promise<boolean> {
  try {
    if (typeof navigator !== 'undefined' && navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Office webviews may refuse the async clipboard: fall back below.
  }
  return false;
}

/**
 * A sentence with a copy button. When the clipboard API is refused (some Office webviews), the
 * sentence is shown in a selected, read-only text box so the user can press Ctrl+C.
 */
export function CopyableText({ text, copyLabel, fallbackLabel, onCopied }: CopyableTextProps) {
  const { t } = useI18n();
  const styles = useStyles();
  const [fallback, setFallback] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (fallback && area.current) {
      area.current.focus();
      area.current.select();
    }
  }, [fallback]);

  const copy = async () => {
    if (await writeClipboard(text)) {
      setFallback(false);
      onCopied?.();
      return;
    }
    setFallback(true);
  };

  return (
    <div className={styles.root}>
      <div className={styles.line}>
        <Text className={styles.text}>{text}</Text>
        <Button
          size="small"
          className={styles.button}
          icon={<CopyRegular />}
          aria-label={copyLabel}
          title={copyLabel}
          onClick={() => void copy()}
        >
          {t('compare.copy')}
        </Button>
      </div>
      {fallback ? (
        <Field label={fallbackLabel} hint={t('compare.copyFallback')}>
          <Textarea ref={area} readOnly value={text} resize="vertical" />
        </Field>
      ) : null}
    </div>
  );
}
