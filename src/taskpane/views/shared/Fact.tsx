import type { ReactNode } from 'react';
import { useViewStyles } from './styles';

/** One term and its value in a card's definition list (`<dl className={styles.dl}>`). */
export function Fact({ term, children }: { term: string; children: ReactNode }) {
  const styles = useViewStyles();
  return (
    <>
      <dt className={styles.dt}>{term}</dt>
      <dd className={styles.dd}>{children}</dd>
    </>
  );
}
