/**
 * The pane's views, their tab labels and their lazily loaded modules: only the view shown first
 * is fetched before the first render; the others load when their tab is chosen.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { MessageKey } from '../i18n';

export const VIEW_IDS = ['overview', 'check', 'rank', 'compare', 'entry', 'consolidate'] as const;
export type ViewId = (typeof VIEW_IDS)[number];

export const VIEW_LABELS: Record<ViewId, MessageKey> = {
  overview: 'view.overview',
  check: 'view.check',
  rank: 'view.rank',
  compare: 'view.compare',
  entry: 'view.entry',
  consolidate: 'view.consolidate',
};

type Loader = () => Promise<{ default: ComponentType }>;

export const VIEW_LOADERS: Record<ViewId, Loader> = {
  overview: () => import(/* webpackChunkName: "view-overview" */ './Overview'),
  check: () => import(/* webpackChunkName: "view-check" */ './Check'),
  rank: () => import(/* webpackChunkName: "view-rank" */ './Rank'),
  compare: () => import(/* webpackChunkName: "view-compare" */ './Compare'),
  entry: () => import(/* webpackChunkName: "view-entry" */ './Entry'),
  consolidate: () => import(/* webpackChunkName: "view-consolidate" */ './Consolidate'),
};

export const VIEWS: Record<ViewId, LazyExoticComponent<ComponentType>> = {
  overview: lazy(VIEW_LOADERS.overview),
  check: lazy(VIEW_LOADERS.check),
  rank: lazy(VIEW_LOADERS.rank),
  compare: lazy(VIEW_LOADERS.compare),
  entry: lazy(VIEW_LOADERS.entry),
  consolidate: lazy(VIEW_LOADERS.consolidate),
};

/**
 * Views that do not work on a scoring table of the open workbook ("Tổng hợp từ các tệp" starts
 * from a blank one): the shell need not warn that the workbook has no table while they are shown.
 */
export const TABLE_OPTIONAL_VIEWS: ReadonlySet<ViewId> = new Set<ViewId>(['consolidate']);

export function isViewId(value: unknown): value is ViewId {
  return typeof value === 'string' && (VIEW_IDS as readonly string[]).includes(value);
}

/** The view named by the URL query (`?view=check`, used by the ribbon buttons); 'check' otherwise. */
export function viewFromQuery(search: string | undefined, fallback: ViewId = 'check'): ViewId {
  if (!search) return fallback;
  const value = new URLSearchParams(search).get('view');
  return isViewId(value) ? value : fallback;
}
