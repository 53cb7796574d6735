import type { ReactNode } from 'react';
import { useViewStyles } from './styles';

export interface ViewSectionProps {
  /** The view's id: the heading is `${id}-heading`, and the section is labelled by it. */
  id: string;
  title: string;
  children: ReactNode;
}

/** A view's outer section, named by its heading (the region a screen reader lists for the tab). */
export function ViewSection({ id, title, children }: ViewSectionProps) {
  const styles = useViewStyles();
  const headingId = `${id}-heading`;
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        {title}
      </h2>
      {children}
    </section>
  );
}
