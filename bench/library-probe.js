// Page-side instrumentation of the library benchmark, injected before any page script: long
// tasks (PerformanceObserver), when the library's data reaches the page over the test host's
// WebSocket bridge, when the rows are in the DOM and painted, and two drivers run on demand —
// scrolling a list frame by frame, and the naive baseline (every row in the DOM at once).
/* global window, document, requestAnimationFrame, MutationObserver */
(() => {
  const state = { dataAt: null, rowsAt: null, paintedAt: null, longtasks: [], expectedRows: Number(window.__libraryBenchExpectedRows ?? 0) };
  const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) state.longtasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });

  // The library's first data: the answer to a `library:list` request, or a `library:changed` push.
  const listIds = new Set();
  const NativeSocket = window.WebSocket;
  window.WebSocket = class extends NativeSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        if (state.dataAt !== null || typeof event.data !== 'string') return;
        const message = JSON.parse(event.data);
        if ((message.kind === 'result' && listIds.has(message.id)) || (message.kind === 'event' && message.event === 'library:changed')) {
          state.dataAt = performance.now();
        }
      });
    }
    send(data) {
      if (typeof data === 'string') {
        const request = JSON.parse(data);
        if (request.channel === 'library:list') listIds.add(request.id);
      }
      super.send(data);
    }
  };

  const watch = new MutationObserver(() => {
    if (state.rowsAt !== null || state.expectedRows === 0) return;
    const item = document.querySelector('[role="listitem"][aria-setsize]');
    if (item === null || Number(item.getAttribute('aria-setsize')) !== state.expectedRows) return;
    state.rowsAt = performance.now();
    watch.disconnect();
    void afterPaint().then(() => {
      state.paintedAt = performance.now();
    });
  });
  watch.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-setsize'] });

  /**
   * Scrolls `scroller` one step per animation frame: from the top to the bottom in `frames` equal
   * steps, or, with `stepPx`, `frames` steps of that size from the middle (a wheel's pace).
   */
  async function scrollThrough(scroller, frames, stepPx) {
    const range = scroller.scrollHeight - scroller.clientHeight;
    const from = stepPx === undefined ? 0 : Math.round(range / 2);
    const step = stepPx === undefined ? range / frames : stepPx;
    scroller.scrollTop = from;
    await afterPaint();
    const frameMs = [];
    const started = performance.now();
    let last = started;
    for (let i = 1; i <= frames; i++) {
      scroller.scrollTop = Math.round(from + step * i);
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const now = performance.now();
      frameMs.push(now - last);
      last = now;
    }
    await afterPaint();
    const ended = performance.now();
    // Long-task entries are delivered asynchronously: give the observer a moment.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const longtasks = state.longtasks.filter((t) => t.start >= started && t.start < ended);
    return { durationMs: ended - started, frameMs, longtasks, reachedEnd: scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1, scrolledPx: scroller.scrollTop - from };
  }

  window.__libraryBench = {
    state,
    scrollLibrary(frames, stepPx) {
      const scroller = document.querySelector('[data-testid="library-scroller"]');
      if (scroller === null) throw new Error('the library scroller is not on the page');
      return scrollThrough(scroller, frames, stepPx);
    },
    /** The naive baseline: the same row markup, all `count` rows in the DOM of a plain scroller. */
    async naive(count, frames, wheelFrames, wheelStepPx) {
      const item = document.querySelector('[role="listitem"][aria-setsize]');
      const scroller = document.querySelector('[data-testid="library-scroller"]');
      if (item === null || scroller === null) throw new Error('no library row to copy');
      const copy = item.cloneNode(true);
      copy.style.transform = 'none';
      copy.style.position = 'relative';
      const rowHtml = copy.outerHTML;
      const host = document.createElement('div');
      host.className = scroller.className;
      host.style.cssText = `position: fixed; inset: 0; height: ${scroller.clientHeight}px; overflow: auto; background: Canvas; z-index: 2147483647`;
      document.body.append(host);
      const started = performance.now();
      host.innerHTML = `<div role="list" class="lib-list">${rowHtml.repeat(count)}</div>`;
      await afterPaint();
      const renderMs = performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 100));
      const renderLongtasks = state.longtasks.filter((t) => t.start >= started);
      const scroll = await scrollThrough(host, frames);
      const wheel = await scrollThrough(host, wheelFrames, wheelStepPx);
      host.remove();
      return { renderMs, renderLongtasks, scroll, wheel };
    },
  };
})();
