// Components in a DOM (happy-dom): the pager's bounds and the meter's warning levels.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Meter, Pager } from './ui';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let box: HTMLDivElement;
let root: Root;
beforeEach(() => {
  box = document.createElement('div');
  document.body.append(box);
  root = createRoot(box);
});
afterEach(() => {
  act(() => root.unmount());
  box.remove();
});

const button = (label: string) => box.querySelector(`button[aria-label="${label}"]`) as HTMLButtonElement;

describe('Pager', () => {
  it('cannot go back from the first page nor on from the last, and asks for the right offsets', () => {
    const asked: number[] = [];
    act(() => root.render(<Pager total={120} limit={50} offset={0} onOffset={(o) => asked.push(o)} />));
    expect(box.textContent).toContain('Page 1 of 3 · 120 in all');
    expect(button('Previous page').disabled).toBe(true);
    act(() => button('Next page').click());
    act(() => button('Last page').click());
    expect(asked).toEqual([50, 100]);
    act(() => root.render(<Pager total={120} limit={50} offset={100} onOffset={(o) => asked.push(o)} />));
    expect(button('Next page').disabled).toBe(true);
    act(() => button('Previous page').click());
    expect(asked.at(-1)).toBe(50);
  });
});

describe('Meter', () => {
  it('turns to warning at 80 % and critical at 95 %, and says the figures', () => {
    const level = (used: number) => {
      act(() => root.render(<Meter used={used} total={100} label="pool" />));
      return (box.querySelector('meter') as HTMLMeterElement).className;
    };
    expect(level(79)).toContain('meter-ok');
    expect(level(80)).toContain('meter-warning');
    expect(level(95)).toContain('meter-critical');
    expect(box.querySelector('meter')?.getAttribute('aria-label')).toBe('pool: 95 of 100');
  });
});
