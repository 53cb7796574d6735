export { SeverityCounts, type SeverityCountsProps } from './SeverityCounts';
