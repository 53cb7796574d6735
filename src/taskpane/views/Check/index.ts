export { default } from './CheckView';
export { findingsSheet } from './findings-sheet';
