/**
 * CHAPTERS: every `faultline demo` chapter by name.
 */
import type { Chapter, ChapterName } from '../chapter.js';
import { CAP_CHAPTER } from './cap.js';
import { CLOCKS_CHAPTER } from './clocks.js';
import { QUORUM_CHAPTER } from './quorum.js';
import { SPLIT_BRAIN_CHAPTER } from './split-brain.js';

/** CHAPTERS: the chapters, in the order a course would take them. */
export const CHAPTERS: Readonly<Record<ChapterName, Chapter>> = {
  cap: CAP_CHAPTER,
  quorum: QUORUM_CHAPTER,
  clocks: CLOCKS_CHAPTER,
  'split-brain': SPLIT_BRAIN_CHAPTER,
};
