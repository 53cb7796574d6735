export { default } from './OverviewView';
