/**
 * How each node status looks: a theme colour AND an icon shape AND a word, so no state is told by colour
 * alone (colour-blind safe; the word is also the screen reader's). Icons are 16x16 SVG paths.
 */
import type { PanelStatus } from '../../../protocol/src/snapshot';

export interface StatusLook { word: string; icon: string; spin?: boolean }

const CIRCLE = 'M8 2a6 6 0 1 0 0 12A6 6 0 1 0 8 2zm0 2a4 4 0 1 1 0 8A4 4 0 1 1 8 4z';

export const STATUS_LOOK: Record<PanelStatus, StatusLook> = {
  pending: { word: 'pending', icon: CIRCLE },
  ready: { word: 'ready', icon: 'M8 2a6 6 0 1 0 0 12A6 6 0 1 0 8 2zm0 3.5a2.5 2.5 0 1 1 0 5a2.5 2.5 0 1 1 0-5z' },
  queued: { word: 'queued', icon: 'M2 7h3v2H2zM6.5 7h3v2h-3zM11 7h3v2h-3z' },
  running: { word: 'running', icon: 'M8 1.5A6.5 6.5 0 0 1 14.5 8H12.5A4.5 4.5 0 0 0 8 3.5z M8 1.5A6.5 6.5 0 1 0 14.5 8h-1A5.5 5.5 0 1 1 8 2.5z', spin: true },
  waiting: { word: 'waiting for you', icon: 'M4 3h3v10H4zM9 3h3v10H9z' },
  drought: { word: 'drought', icon: 'M8 1.5C8 1.5 3 7 3 10a5 5 0 0 0 10 0C13 7 8 1.5 8 1.5zM8 13a3 3 0 0 1-3-3h2a1 1 0 0 0 1 1z' },
  retrying: { word: 'retrying', icon: 'M8 2a6 6 0 1 0 6 6h-2a4 4 0 1 1-1.2-2.8L9 7h5V2l-1.8 1.8A6 6 0 0 0 8 2z' },
  expanded: { word: 'expanded', icon: 'M2 2h12v12H2zm2 2v8h8V4zm3 1h2v2h2v2H9v2H7V9H5V7h2z' },
  completed: { word: 'completed', icon: 'M6.2 11.6L2.6 8l1.4-1.4 2.2 2.2 5.8-5.8L13.4 4.4z' },
  failed: { word: 'failed', icon: 'M4.2 2.8L8 6.6l3.8-3.8 1.4 1.4L9.4 8l3.8 3.8-1.4 1.4L8 9.4l-3.8 3.8-1.4-1.4L6.6 8 2.8 4.2z' },
  skipped: { word: 'skipped', icon: 'M2 3l6 5-6 5zM8 3l6 5-6 5z' },
  cancelled: { word: 'cancelled', icon: 'M3 3h10v10H3z' },
};

/** Icon drawn on a collapsed group (a stack). */
export const GROUP_ICON = 'M2 4h9v2H2zM3 7h9v2H3zM4 10h9v2H4z';
