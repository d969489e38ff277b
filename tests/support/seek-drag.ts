/**
 * The drag across the popup's seek bar that both popup-actions tests make (tests/browser and
 * tests/firefox): press at 20 % of the bar, move in six steps of 8 % with 120 ms between them (so
 * that the popup sends `fastSeek` seeks while it moves), release at 68 %. Playwright's and
 * Puppeteer's `page.mouse` both fit `DragMouse`.
 */

/** The mouse of a Playwright or a Puppeteer page. */
export interface DragMouse {
  move(x: number, y: number): Promise<unknown>;
  down(): Promise<unknown>;
  up(): Promise<unknown>;
}

/** Where the drag releases, as a fraction of the bar's width. */
export const DRAG_END = 0.68;

/** Drags across the seek bar whose bounding box (CSS pixels) is `box`. */
export async function dragSeekBar(
  mouse: DragMouse,
  box: { x: number; y: number; width: number; height: number },
): Promise<void> {
  const y = box.y + box.height / 2;
  await mouse.move(box.x + box.width * 0.2, y);
  await mouse.down();
  for (let i = 1; i <= 6; i++) {
    await mouse.move(box.x + box.width * (0.2 + i * 0.08), y);
    await new Promise((resolve) => setTimeout(resolve, 120));
  }
  await mouse.up();
}
