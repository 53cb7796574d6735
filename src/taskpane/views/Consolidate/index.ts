export { default } from './ConsolidateView';
