import { makeStyles } from '@fluentui/react-components';

const useStyles = makeStyles({
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: '0',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: '0',
  },
});

export interface LiveRegionProps {
  /** The text to announce; changing it makes screen readers read it. */
  message: string;
  /** Visible text instead of a screen-reader-only announcement. */
  visible?: boolean;
  politeness?: 'polite' | 'assertive';
}

/** An aria-live region: results of long operations are announced to screen-reader users. */
export function LiveRegion({ message, visible = false, politeness = 'polite' }: LiveRegionProps) {
  const styles = useStyles();
  return (
    <div role="status" aria-live={politeness} aria-atomic="true" className={visible ? undefined : styles.hidden}>
      {message}
    </div>
  );
}
