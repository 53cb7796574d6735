export { FindingsList, groupFindings, type FindingsListProps } from './FindingsList';
