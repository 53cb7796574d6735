import { ProgressBar, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, paddingBlock: tokens.spacingVerticalS },
});

export interface BusyProps {
  label: string;
  /** An indeterminate progress bar (for operations that write to the workbook) instead of a spinner. */
  bar?: boolean;
}

/** Progress of a long operation, announced politely to screen readers. */
export function Busy({ label, bar = false }: BusyProps) {
  const styles = useStyles();
  return (
    <div className={styles.root} role="status" aria-live="polite">
      {bar ? (
        <>
          <Text size={200}>{label}</Text>
          <ProgressBar thickness="medium" aria-label={label} />
        </>
      ) : (
        <Spinner size="tiny" labelPosition="after" label={label} />
      )}
    </div>
  );
}
