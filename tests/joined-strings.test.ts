import { describe, expect, it } from 'vitest';
import { checkJoined, joinedAt, joinedList, joinStrings, splitJoined } from '../src/search/joined-strings.js';

describe('joined strings', () => {
  it('give back every string, also empty ones and none at all', () => {
    for (const strings of [[], [''], ['', ''], [' presiden jokowi ', 'a', '', 'ékspor']]) {
      const joined = joinStrings(strings, 'title');
      expect(joinedList(joined)).toEqual(strings);
      expect(() => checkJoined(joined, 'titles')).not.toThrow();
      const read = splitJoined(joined.text, strings.length);
      expect(joinedList(read)).toEqual(strings);
      expect([...read.starts]).toEqual([...joined.starts]);
    }
  });

  it('refuse a string holding a line break, a count the text does not have, and starts out of place', () => {
    expect(() => joinStrings(['a\nb'], 'title')).toThrow(/title holds a line break/);
    expect(() => splitJoined('a\nb', 3)).toThrow(/2 strings where 3/);
    expect(() => splitJoined('a\nb\nc', 2)).toThrow(/more than 2/);
    expect(() => splitJoined('a', 0)).toThrow(RangeError);
    expect(() => checkJoined({ text: 'ab\nc', starts: Int32Array.from([0, 1, 5]) }, 'titles')).toThrow(/string 1 out of place/);
    expect(() => checkJoined({ text: 'ab', starts: Int32Array.from([0, 2]) }, 'titles')).toThrow(/starts do not match/);
    expect(() => joinedAt(joinStrings(['a'], 'title'), 1)).toThrow(/no string 1/);
  });
});
