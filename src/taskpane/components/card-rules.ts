import { tokens } from '@fluentui/react-components';

/**
 * Style rules shared by views and components (spread into their makeStyles): a raised card, a
 * two-column definition list and a finding row marked by its severity. Tokens only, so both
 * Office themes apply.
 */
export const cardRules = {
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
  },
  dl: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: '0',
  },
  dt: { color: tokens.colorNeutralForeground3 },
  dd: { margin: '0', overflowWrap: 'anywhere' },
  /** A finding's row: a coloured bar at its start, by severity (finding + error | warning | info). */
  finding: {
    display: 'flex',
    alignItems: 'flex-start',
    borderInlineStartWidth: tokens.strokeWidthThick,
    borderInlineStartStyle: 'solid',
    borderInlineStartColor: tokens.colorNeutralStroke2,
    paddingInlineStart: tokens.spacingHorizontalXS,
  },
  error: { borderInlineStartColor: tokens.colorStatusDangerBorderActive },
  warning: { borderInlineStartColor: tokens.colorStatusWarningBorderActive },
  info: { borderInlineStartColor: tokens.colorPaletteBlueBorderActive },
} as const;
