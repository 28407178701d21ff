// The demos' two catalogs: the same keys and placeholders in English and Chinese, Chinese that is
// Chinese, and every sentence every chapter can say rendering completely in both languages.
import { describe, expect, it } from 'vitest';
import { FaultlineError } from '../../src/core/errors.js';
import { type DemoRow, type MessageKey, CATALOGS, CHAPTERS, LANGS, parseLang, placeholders, translator } from '../../src/demo/index.js';

const keys = (lang: 'en' | 'zh'): string[] => Object.keys(CATALOGS[lang]).sort();
const CJK = /[\u3000-\u9fff\uff00-\uffef]/;

describe('message catalogs', () => {
  it('have exactly the same keys in every language (no missing translation)', () => {
    expect(keys('zh')).toEqual(keys('en'));
    expect(keys('en').length).toBeGreaterThan(80);
  });

  it.each(Object.keys(CATALOGS.en))('%s: same placeholders, Chinese text, not the English one', (key) => {
    const en = CATALOGS.en[key as MessageKey];
    const zh = CATALOGS.zh[key as MessageKey];
    expect(placeholders(zh)).toEqual(placeholders(en));
    expect(zh.trim()).not.toBe('');
    expect(zh).not.toBe(en);
    expect(zh).toMatch(CJK);
    // No English sentence left in: at most two English words in a row (names such as "fencing token").
    expect(zh.replace(/\{[a-zA-Z]+\}/g, '#')).not.toMatch(/[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/);
  });

  it('use the standard Chinese terms', () => {
    const all = Object.values(CATALOGS.zh).join('\n');
    for (const term of ['线性一致性', '最终一致性', '网络分区', '法定人数', '脑裂', '时钟偏移', '租约读', '多数派', '领导者', '主节点', '故障转移', '已确认的写入', '陈旧读', '提示移交', '隔离（fencing）', '任期']) {
      expect(all).toContain(term);
    }
  });

  it('fills placeholders, and a missing one is a bug that names the key', () => {
    expect(translator('zh')('cell.availability', { pct: 74, ok: 423, attempted: 569 })).toBe('74%（423/569）');
    expect(() => translator('en')('cell.availability', { pct: 74 })).toThrow(/cell\.availability \(en\) needs \{ok\}/);
  });

  it('--lang accepts en and zh, and names anything else in one line', () => {
    expect(LANGS.map(parseLang)).toEqual(['en', 'zh']);
    expect(() => parseLang('fr')).toThrow(FaultlineError);
    expect(() => parseLang('ZH')).toThrow('--lang must be en or zh, not "ZH"');
  });
});

describe('every chapter says every sentence in both languages', () => {
  const base: DemoRow = {
    variant: 'x',
    mode: 'x',
    dir: '/d',
    availability: { ok: 1, attempted: 2, fraction: 0.5, faultNs: 1 },
    linearizable: true,
    eventual: true,
    converged: true,
    lostWrites: 0,
    writeOrder: 'real-time',
    reads: 10,
    staleReads: 0,
    worstStalenessNs: 0,
    worstOutdatedNs: 0,
    convergenceNs: 1e8,
    convergenceMeasure: 'observed',
  };
  const variations: Partial<DemoRow>[] = [
    {},
    { linearizable: false, staleReads: 3, worstStalenessNs: 2e8 },
    { linearizable: 'unknown', lostWrites: 4, eventual: false },
    { converged: false, eventual: false, convergenceNs: null, convergenceMeasure: 'none' },
    { lostWrites: 2, writeOrder: 'store-order', convergenceMeasure: 'at-most' },
    { availability: { ok: 0, attempted: 0, fraction: null, faultNs: 0 } },
  ];
  it.each(Object.values(CHAPTERS).map((c) => [c.name, c] as const))('%s', (_name, chapter) => {
    const rows = chapter.variants.flatMap((v) => variations.map((over) => ({ ...base, variant: v.label, mode: v.mode, writeOrder: v.writeOrder, ...over })));
    for (const lang of LANGS) {
      const sentences = chapter.explain(rows, translator(lang), { timeLimitMs: 8_000, nodes: 3 });
      expect(sentences).toHaveLength(rows.length + 1);
      for (const s of sentences) {
        expect(s).not.toMatch(/[{}]|undefined|NaN/);
        if (lang === 'zh') expect(s).toMatch(CJK);
      }
      // Different numbers or verdicts give different sentences, in both languages.
      expect(new Set(sentences).size).toBeGreaterThan(chapter.variants.length * 2);
    }
  });
});
