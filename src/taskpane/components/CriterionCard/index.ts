export { CriterionCard, type CriterionCardProps } from './CriterionCard';
