import { describe, expect, it } from 'vitest';
import { type BudgetConfig, createMessageBudget, DEFAULT_BUDGET } from './message-budget';

const T0 = 1_000_000;
const config: BudgetConfig = {
  perPort: { rate: 10, burst: 5 },
  perTab: { rate: 20, burst: 8 },
  disconnectAfter: { refusals: 6, windowMs: 1000 },
};

/** `n` messages from one Port at `now`; the verdicts in order. */
function send(
  budget: ReturnType<typeof createMessageBudget>,
  port: number,
  tab: number,
  n: number,
  now: number,
) {
  return Array.from({ length: n }, () => budget.take(port, tab, now));
}

describe('createMessageBudget', () => {
  it('lets a Port send its burst at once, then refuses until its tokens refill', () => {
    const budget = createMessageBudget(config);
    expect(send(budget, 1, 1, 6, T0)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'over']);
    expect(budget.waitMs(1, 1, T0)).toBe(100); // 10 a second: one token in 100 ms
    expect(budget.take(1, 1, T0 + 99)).toBe('over');
    // By 200 ms two tokens came back (the refused attempt at 99 ms cost none).
    expect(send(budget, 1, 1, 3, T0 + 200)).toEqual(['ok', 'ok', 'over']);
    expect(budget.waitMs(1, 1, T0 + 200)).toBe(100);
  });

  it('holds a steady sender at its rate', () => {
    const budget = createMessageBudget(config);
    let ok = 0;
    // 100 messages a second for 10 s against a rate of 10 (and a burst of 5).
    for (let i = 0; i < 1000; i++) if (budget.take(1, 1, T0 + i * 10) === 'ok') ok++;
    expect(ok).toBeGreaterThanOrEqual(100);
    expect(ok).toBeLessThanOrEqual(106);
  });

  it('a tab shares one budget between its Ports; another tab is not touched', () => {
    const budget = createMessageBudget(config);
    // Three Ports of tab 1, each within its own burst, together past the tab's burst of 8.
    const verdicts = [
      ...send(budget, 1, 1, 4, T0),
      ...send(budget, 2, 1, 4, T0),
      ...send(budget, 3, 1, 4, T0),
    ];
    expect(verdicts.filter((v) => v === 'ok')).toHaveLength(8);
    expect(budget.take(4, 2, T0)).toBe('ok');
  });

  it('says disconnect once a Port was refused more than the limit within the window', () => {
    const budget = createMessageBudget(config);
    const verdicts = send(budget, 1, 1, 5 + 7, T0);
    expect(verdicts.slice(0, 5)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(verdicts.slice(5, 11)).toEqual(['over', 'over', 'over', 'over', 'over', 'over']);
    expect(verdicts[11]).toBe('disconnect');
  });

  it('forgets refusals older than the window', () => {
    const budget = createMessageBudget(config);
    send(budget, 1, 1, 5, T0);
    // Six refusals, but spread over more than the window: never a disconnect.
    const verdicts = [0, 300, 600, 900, 1200, 1500].map((ms) => {
      budget.take(1, 1, T0 + ms); // may be ok after refilling: spend it
      return budget.take(1, 1, T0 + ms);
    });
    expect(verdicts).not.toContain('disconnect');
  });

  it('keeps nothing for Ports that are gone', () => {
    const budget = createMessageBudget(config);
    send(budget, 1, 1, 2, T0);
    send(budget, 2, 1, 2, T0);
    send(budget, 3, 2, 2, T0);
    expect(budget.size()).toEqual({ ports: 3, tabs: 2 });
    budget.forget(1, 1);
    expect(budget.size()).toEqual({ ports: 2, tabs: 2 });
    budget.forget(2, 1);
    budget.forget(3, 2);
    budget.forget(3, 2); // twice is harmless
    expect(budget.size()).toEqual({ ports: 0, tabs: 0 });
  });

  it('the defaults let a well-behaved bridge (about 20 messages a second) through untouched', () => {
    const budget = createMessageBudget(DEFAULT_BUDGET);
    const verdicts = Array.from({ length: 600 }, (_, i) => budget.take(1, 1, T0 + i * 50));
    expect(verdicts.every((v) => v === 'ok')).toBe(true);
  });

  it('a clock that goes backwards adds no tokens', () => {
    const budget = createMessageBudget(config);
    send(budget, 1, 1, 5, T0);
    expect(budget.take(1, 1, T0 - 10_000)).toBe('over');
  });
});
