/**
 * Rows of spans in a container, kept in step with a list: the ladder and the tape redraw up to
 * once a frame, so their rows are reused and only their text and attributes change.
 */

/** Make `container` hold one row of `cells` spans per item (reusing the rows it has), then `draw` each. */
export function drawRows<T>(
  container: HTMLElement,
  items: readonly T[],
  cells: number,
  draw: (row: HTMLElement, item: T) => void,
): void {
  while (container.childElementCount > items.length) container.lastElementChild?.remove();
  while (container.childElementCount < items.length) container.append(newRow(cells));
  items.forEach((item, index) => draw(container.children[index] as HTMLElement, item));
}

/** Set the row's cells to `texts`, touching only those that changed (no needless layout work). */
export function setCells(row: HTMLElement, texts: readonly string[]): void {
  texts.forEach((text, index) => {
    const cell = row.children[index];
    if (cell !== undefined && cell.textContent !== text) cell.textContent = text;
  });
}

function newRow(cells: number): HTMLElement {
  const row = document.createElement("div");
  for (let i = 0; i < cells; i++) row.append(document.createElement("span"));
  return row;
}
