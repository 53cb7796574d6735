export { default } from './RankView';
