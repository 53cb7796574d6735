import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, type MessageBarIntent } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n';

export interface NoticeProps {
  intent: MessageBarIntent;
  title?: string;
  children: ReactNode;
  /** Shown as a button in the bar (e.g. "Thử lại"). */
  action?: { label: string; onClick: () => void };
  onDismiss?: () => void;
}

/**
 * A Fluent MessageBar saying what happened and what to do. Errors are announced assertively,
 * other notices politely.
 */
export function Notice({ intent, title, children, action, onDismiss }: NoticeProps) {
  const { t } = useI18n();
  return (
    <div role={intent === 'error' ? 'alert' : 'status'} aria-live={intent === 'error' ? 'assertive' : 'polite'}>
      <MessageBar intent={intent} layout="multiline">
        <MessageBarBody>
          {title ? <MessageBarTitle>{title}</MessageBarTitle> : null}
          {children}
        </MessageBarBody>
        {action || onDismiss ? (
          <MessageBarActions
            containerAction={
              onDismiss ? (
                <Button
                  appearance="transparent"
                  icon={<DismissRegular />}
                  aria-label={t('app.dismiss')}
                  title={t('app.dismiss')}
                  onClick={onDismiss}
                />
              ) : undefined
            }
          >
            {action ? <Button onClick={action.onClick}>{action.label}</Button> : null}
          </MessageBarActions>
        ) : null}
      </MessageBar>
    </div>
  );
}
