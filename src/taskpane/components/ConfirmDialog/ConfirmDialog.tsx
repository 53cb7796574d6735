import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from '@fluentui/react-components';
import type { ReactNode } from 'react';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** A second, non-destructive way to go on (e.g. "Giữ số đã nhập"). */
  alternativeLabel?: string;
  cancelLabel: string;
  onConfirm: () => void;
  onAlternative?: () => void;
  onCancel: () => void;
}

/** A modal question before the pane changes something the user typed. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { open, title, children, confirmLabel, alternativeLabel, cancelLabel, onConfirm, onAlternative, onCancel } = props;
  return (
    <Dialog open={open} modalType="alert" onOpenChange={(_, data) => (!data.open ? onCancel() : undefined)}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent>{children}</DialogContent>
          <DialogActions fluid>
            <Button appearance="primary" onClick={onConfirm}>
              {confirmLabel}
            </Button>
            {alternativeLabel && onAlternative ? <Button onClick={onAlternative}>{alternativeLabel}</Button> : null}
            <Button appearance="subtle" onClick={onCancel}>
              {cancelLabel}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
