export { default } from './CompareView';
