export { default } from './EntryView';
