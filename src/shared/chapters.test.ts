import { describe, expect, it } from 'vitest';
import { chapterIndexAt, nextChapterStart, previousChapterStart } from './chapters';

const chapters = [
  { title: 'Intro', startTime: 0 },
  { title: 'Verse', startTime: 30 },
  { title: 'Chorus', startTime: 90 },
];

describe('chapters', () => {
  it('finds the chapter playing at a position', () => {
    expect(chapterIndexAt(chapters, 0)).toBe(0);
    expect(chapterIndexAt(chapters, 29.9)).toBe(0);
    expect(chapterIndexAt(chapters, 30)).toBe(1);
    expect(chapterIndexAt(chapters, 500)).toBe(2);
    expect(chapterIndexAt([{ title: 'Late', startTime: 10 }], 5)).toBe(-1);
    expect(chapterIndexAt([], 5)).toBe(-1);
  });

  it('next chapter: the next start, none after the last', () => {
    expect(nextChapterStart(chapters, 10)).toBe(30);
    expect(nextChapterStart(chapters, 30)).toBe(90);
    expect(nextChapterStart(chapters, 95)).toBeNull();
    expect(nextChapterStart([{ title: 'Late', startTime: 10 }], 5)).toBe(10);
  });

  it('previous chapter: back to this one’s start past 3 s, else the one before', () => {
    expect(previousChapterStart(chapters, 40)).toBe(30);
    expect(previousChapterStart(chapters, 32)).toBe(0);
    expect(previousChapterStart(chapters, 90)).toBe(30);
    expect(previousChapterStart(chapters, 2)).toBeNull();
    expect(previousChapterStart(chapters, 10)).toBe(0);
    expect(previousChapterStart([], 10)).toBeNull();
  });
});
