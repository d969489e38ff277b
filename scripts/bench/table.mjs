// @ts-check
/**
 * The benchmark's markdown table, built from the report the sections returned: one table per
 * section that ran (any subset), medians unless said (p95 and the rest in report.json).
 */

/**
 * @typedef {object} Report
 * @property {string} date
 * @property {number} runs
 * @property {string} chromium
 * @property {Record<string, any>} sections by report key (`pageCost`, `idle`, `latency`, …); a
 *   section that failed is `{ error }`
 */

/** `12.3 ms`, or `n/a` for a missing figure. @param {number | null | undefined} v */
const ms = (v) => (typeof v === 'number' && Number.isFinite(v) ? `${v.toFixed(1)} ms` : 'n/a');
/** `12.3 KiB`, or `n/a`. @param {number | null | undefined} v */
const kib = (v) =>
  typeof v === 'number' && Number.isFinite(v) ? `${(v / 1024).toFixed(1)} KiB` : 'n/a';

/** `12.3 ms (p95 15.0 ms)` of a figure. @param {{ median: number, p95: number }} f */
const withP95 = (f) => `${ms(f.median)} (p95 ${ms(f.p95)})`;
/** `+12.3 ms` or `-1.0 ms`, or `n/a`. @param {number} v */
const signed = (v) => (Number.isFinite(v) ? `${v >= 0 ? '+' : ''}${ms(v)}` : 'n/a');

/** `1.23 ms`: script-time goals are tenths of a millisecond. @param {number | null | undefined} v */
const ms2 = (v) => (typeof v === 'number' && Number.isFinite(v) ? `${v.toFixed(2)} ms` : 'n/a');
/** `+0.12 ms` or `-0.05 ms`, or `n/a`. @param {number} v */
const signed2 = (v) => (Number.isFinite(v) ? `${v >= 0 ? '+' : ''}${ms2(v)}` : 'n/a');
/** `+1.2 %` or `-0.4 %`, or `n/a`. @param {number} v */
const signedPercent = (v) => (Number.isFinite(v) ? `${v >= 0 ? '+' : ''}${v.toFixed(1)} %` : 'n/a');
/** `3,912 B (3.8 KiB)`. @param {number} v */
const byteCount = (v) => `${v.toLocaleString('en')} B (${kib(v)})`;

/** @param {Record<string, any>} pageCost @returns {string[]} */
function pageCostTable(pageCost) {
  const { rounds, goals, met, bytes } = pageCost;
  const lines = [];
  lines.push(
    `| page cost: ${rounds.measured} loads each, interleaved (${rounds.order.join(', ')}, …) after ${rounds.warmUp} warm-up rounds | Media Deck | floor: empty content scripts | least two-stage design | no extension | Media Deck − floor (median of the rounds' differences) | least − floor | goal |`,
  );
  lines.push('| --- | --- | --- | --- | --- | --- | --- | --- |');
  /** @param {string} label @param {Record<string, any>} p @param {string} scriptGoal */
  const page = (label, p, scriptGoal) => {
    const d = p.withMinusFloor;
    const l = p.leastMinusFloor;
    const four = (/** @type {string} */ key, /** @type {(v: number) => string} */ f) =>
      `${f(p.with[key].median)} | ${f(p.floor[key].median)} | ${f(p.least[key].median)} | ${f(p.without[key].median)}`;
    return [
      `| ${label}: script time in the frame | ${four('scriptMs', ms2)} | ${signed2(d.scriptMs.median)} (p95 ${signed2(d.scriptMs.p95)}) | ${signed2(l.scriptMs.median)} | ${scriptGoal} |`,
      `| ${label}: DOMContentLoaded | ${four('dcl', ms)} | ${signedPercent(d.dclPercent.median)} (${signed(d.dcl.median)}) | ${signedPercent(l.dclPercent.median)} (${signed(l.dcl.median)}) | ${label === 'page without media' ? `within ${goals.noMediaDclOverFloorPercent} % of the floor (≤ +${goals.noMediaDclOverFloorPercent} %): ${verdict(met.noMediaDcl)}` : '—'} |`,
      `| ${label}: load | ${four('load', ms)} | ${signed(d.load.median)} | — | — |`,
    ];
  };
  /** @param {Record<string, any>} m */
  const messages = (m) =>
    `${m.total} (${m.portsOpened} / ${m.oneOffMessages} / ${m.frameMessages})`;
  lines.push(
    ...page(
      'page without media',
      pageCost.noMedia,
      `≤ floor + ${goals.noMediaScriptOverFloorMs} ms: ${verdict(met.noMediaScript)}`,
    ),
  );
  lines.push(
    `| page without media: messages its content scripts sent the worker in all ${pageCost.noMedia.loads} loads (Ports opened / one-off / frame messages) | ${messages(pageCost.noMedia.messages)} | — | — | — | — | — | ${goals.noMediaMessages}: ${verdict(met.noMediaMessages)} |`,
  );
  lines.push(
    ...page(
      'media page',
      pageCost.media,
      `≤ floor + ${goals.mediaScriptOverFloorMs} ms: ${verdict(met.mediaScript)}`,
    ),
  );
  lines.push(
    `| media page: messages its content scripts sent the worker in all ${pageCost.media.loads} loads (Ports opened / one-off / frame messages) | ${messages(pageCost.media.messages)} | — | — | — | — | — | — |`,
  );
  lines.push('');
  const m = pageCost.metadataToPopup;
  lines.push('| metadata → popup | Media Deck | goal |');
  lines.push('| --- | --- | --- |');
  lines.push(
    `| metadata set in a frame with no earlier media activity → shown in the open popup (n=${m.ms.n}${m.missed ? `, ${m.missed} never shown` : ''}) | ${withP95(m.ms)} | median ≤ ${goals.metadataToPopupMedianMs} ms: ${verdict(met.metadataToPopup)} |`,
  );
  lines.push('');
  lines.push('| bytes a page gets | when | raw | gzip -9 | goal |');
  lines.push('| --- | --- | --- | --- | --- |');
  for (const f of bytes.contentScripts) {
    const world = f.world === 'MAIN' ? 'MAIN world' : 'isolated world';
    lines.push(`| ${f.file} (${world}) | ${f.runAt} | ${kib(f.raw)} | ${byteCount(f.gzip)} | — |`);
  }
  lines.push(
    `| both worlds together | document_start | ${kib(bytes.documentStart.raw)} | ${byteCount(bytes.documentStart.gzip)} | ≤ ${byteCount(goals.documentStartGzipBytes)}: ${verdict(met.documentStart)} |`,
  );
  if (bytes.later.length === 0)
    lines.push('| nothing else under src/content/ | loaded on first media activity | — | — | — |');
  for (const f of bytes.later)
    lines.push(
      `| ${f.file} | loaded on first media activity | ${kib(f.raw)} | ${byteCount(f.gzip)} | — |`,
    );
  lines.push(
    `| popup (${bytes.popup.files.length} files) | when the popup opens | ${kib(bytes.popup.raw)} | ${kib(bytes.popup.gzip)} | — |`,
  );
  return lines;
}

/** @param {Record<string, any>} idle @returns {string[]} */
function idleTable(idle) {
  return [
    '| idle cost | measured | goal |',
    '| --- | --- | --- |',
    `| messages from a page without media | ${idle.noMediaMessages} | 0 |`,
    `| messages/s, setPositionState every frame (${idle.steadyPlayback.setPositionStateCalls} calls in 10 s) | ${idle.steadyPlayback.messagesPerSecond.toFixed(1)} | a handful |`,
  ];
}

/** @param {Record<string, any>} latency @returns {string[]} */
function latencyTable(latency) {
  const lines = [];
  lines.push('| control latency | Media Deck | floor (bare hops) | ratio |');
  lines.push('| --- | --- | --- | --- |');
  for (const [label, key] of /** @type {const} */ ([
    ['popup click → page handler', 'popupClickToHandler'],
    ['key press → page handler, worker running', 'keyToHandlerWarm'],
    ['key press → page handler, worker stopped', 'keyToHandlerAsleep'],
    ['metadata change → popup shows it', 'metadataToPopup'],
  ])) {
    const l = latency[key];
    lines.push(
      `| ${label} | ${ms(l.ours.median)} (p95 ${ms(l.ours.p95)}) | ${ms(l.floor.median)} | ${l.ratio.toFixed(2)} |`,
    );
  }
  return lines;
}

/** @param {Record<string, any>} sc @returns {string[]} */
function scaleTable(sc) {
  const counts = Object.keys(sc);
  const lines = [];
  lines.push(`| scale | ${counts.map((c) => `${c} tab${c === '1' ? '' : 's'}`).join(' | ')} |`);
  lines.push(`| --- | ${counts.map(() => '---').join(' | ')} |`);
  const row = (/** @type {string} */ label, /** @type {(r: any) => string} */ f) =>
    `| ${label} | ${counts.map((c) => f(sc[c])).join(' | ')} |`;
  lines.push(row('sessions listed', (r) => String(r.sessions)));
  lines.push(row('popup: whole list painted', (r) => ms(r.popupListPainted.ours.median)));
  lines.push(row('service-worker JS heap', (r) => kib(r.workerHeapBytes)));
  lines.push(row('popup click → handler, last tab', (r) => ms(r.clickOnLastTabMs.median)));
  lines.push('');
  lines.push(
    '| popup: navigation → whole list painted | Media Deck | floor: static page, one item | Media Deck − floor | goal | script floor: a Port, one message, one item | script floor − floor | Media Deck − script floor |',
  );
  lines.push('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const c of counts) {
    const p = sc[c].popupListPainted;
    const goal =
      p.goalOverFloorMs === null
        ? '—'
        : `≤ floor + ${p.goalOverFloorMs} ms: ${p.goalMet ? 'met' : 'not met'}`;
    lines.push(
      `| ${sc[c].sessions} session${sc[c].sessions === 1 ? '' : 's'} (${c} tab${c === '1' ? '' : 's'}) | ${withP95(p.ours)} | ${withP95(p.floor)} | ${signed(p.oursMinusFloor.median)} (p95 ${signed(p.oursMinusFloor.p95)}) | ${goal} | ${withP95(p.scriptFloor)} | ${signed(p.scriptFloorMinusFloor.median)} | ${signed(p.oursMinusScriptFloor.median)} |`,
    );
  }
  return lines;
}

/** @param {Record<string, any>} pip @returns {string[]} */
function autoPipTable(pip) {
  return [
    '| automatic picture-in-picture | median | p95 |',
    '| --- | --- | --- |',
    `| tab switch → video picture-in-picture | ${ms(pip.video.median)} | ${ms(pip.video.p95)} |`,
    `| tab switch → audio mini player | ${ms(pip.audio.median)} | ${ms(pip.audio.p95)} |`,
  ];
}

/** `12.3 MiB`, or `n/a`. @param {number | null | undefined} v */
const mib = (v) =>
  typeof v === 'number' && Number.isFinite(v) ? `${(v / 1024 / 1024).toFixed(1)} MiB` : 'n/a';
/** A count, or `n/a`. @param {number | null | undefined} v */
const count = (v) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : 'n/a');
/** `met`, `not met`, or `n/a` when there is nothing to judge. @param {boolean | null} ok */
const verdict = (ok) => (ok === null ? 'n/a' : ok ? 'met' : 'not met');
/** @param {number | null | undefined} v @param {(v: number) => boolean} test */
const judge = (v, test) => verdict(typeof v === 'number' && Number.isFinite(v) ? test(v) : null);

/** @param {Record<string, any>} h @returns {string[]} */
function hostileTable(h) {
  const { flood, goals, workerHeapBytes: heap, duringFlood: during, afterClose } = h;
  const perSecond = (/** @type {number | null} */ v) =>
    typeof v === 'number' ? ` (${(v / flood.seconds).toFixed(0)}/s)` : '';
  // The goal is the extension's own latency: from the popup's click to the page's handler. A click
  // that never reached the handler fails it whatever the others did.
  const clickP95 = h.clicks.timedOut ? Number.POSITIVE_INFINITY : h.popupClickToHandlerMs.p95;
  const late = h.clicks.answeredLateMs;
  const lateText =
    late === null
      ? ''
      : `; ${late.length} answered later${late.length ? ` (max ${(Math.max(...late) / 1000).toFixed(1)} s)` : ''}, ${h.clicks.neverAnswered} never`;
  const flagged = h.clicks.timedOut
    ? `, ${h.clicks.timedOut} with no handler call in ${h.clicks.timeoutMs / 1000} s, counted as ${h.clicks.timeoutMs / 1000} s${lateText}`
    : '';
  const missing = h.clicks.buttonMissing
    ? `, ${h.clicks.buttonMissing} times no button to click`
    : '';
  const stop =
    afterClose.writesStopMs === null
      ? 'n/a'
      : afterClose.stillWriting
        ? `${ms(afterClose.writesStopMs)} (still writing at the end of the ${afterClose.seconds} s window)`
        : afterClose.writesStopMs <= 0
          ? `none after closing (${ms(afterClose.writesStopMs)})`
          : ms(afterClose.writesStopMs);
  const yes = (/** @type {boolean | null} */ v) => (v === null ? 'n/a' : v ? 'yes' : 'no');
  return [
    `| hostile load: ${flood.frames} frames × ${(1000 / flood.intervalMs).toFixed(0)} reports/s, ${flood.images} × ${flood.chars}-character artwork, ${flood.seconds.toFixed(0)} s | measured | goal |`,
    '| --- | --- | --- |',
    `| reports the flood's frames sent | ${count(flood.reportsSent)}${perSecond(flood.reportsSent)} | ${(flood.frames * 1000) / flood.intervalMs}/s intended |`,
    `| service-worker JS heap after GC: before the flood | ${mib(heap.beforeFlood)} | — |`,
    `| service-worker JS heap after GC: end of the flood | ${mib(heap.endOfFlood)} | < ${mib(goals.workerHeapBytes)}: ${judge(heap.endOfFlood, (v) => v < goals.workerHeapBytes)} |`,
    `| service-worker JS heap after GC: ${afterClose.seconds} s after the flood tab closed | ${mib(heap.afterClose)} | — |`,
    `| popup click → handler on the music tab, during the flood (n=${h.clicks.n}${flagged}${missing}) | ${withP95(h.popupClickToHandlerMs)} | p95 < ${goals.clickP95Ms} ms: ${judge(clickP95, (v) => v < goals.clickP95Ms)} |`,
    `| the same, from the benchmark asking the popup to click (its DevTools round trip included) | ${withP95(h.clickToHandlerMs)} | — |`,
    `| floor: the bare extension's click → the tab's MAIN world, in the same flood | ${h.floorClickMs ? withP95(h.floorClickMs) : 'n/a'} | — |`,
    `| last storage write after the flood tab closed | ${stop} | ≤ ${goals.writesStopMs / 1000} s: ${judge(afterClose.writesStopMs, (v) => v <= goals.writesStopMs)} |`,
    `| storage writes from closing the flood tab to ${afterClose.seconds} s after | ${count(afterClose.storageWrites)} | — |`,
    `| music tab keeps its artwork (during the flood / after) | ${yes(h.artworkKeptDuringFlood)} / ${yes(h.artworkKept)} | yes: ${verdict(h.artworkKept === null ? null : h.artworkKept && h.artworkKeptDuringFlood !== false)} |`,
    `| frame messages from the flood tab | ${count(during.frameMessagesFloodTab)}${perSecond(during.frameMessagesFloodTab)} | — |`,
    `| reports dropped over budget: flood tab / other tabs | ${count(during.overBudgetFloodTab)} / ${count(during.overBudgetOtherTabs)} | — |`,
    `| frame Ports disconnected for staying over budget | ${count(during.portsDisconnected)} | — |`,
    `| storage writes during the flood | ${count(during.storageWrites)}${perSecond(during.storageWrites)} | — |`,
  ];
}

/** Each report key's table, in the order they print. */
/** @param {Record<string, any>} ff @returns {string[]} */
function firefoxPageCostTable(ff) {
  const lines = [
    `| page cost in Firefox ${ff.firefox}: ${ff.rounds} loads each, interleaved after ${ff.warmUp} warm-up rounds (Firefox exposes no per-frame script time) | Media Deck | floor: empty content scripts | no add-on | Media Deck − floor |`,
    '| --- | --- | --- | --- | --- |',
  ];
  /** @type {[string, string][]} */
  const pages = [
    ['noMedia', 'page without media'],
    ['media', 'media page'],
  ];
  for (const [name, label] of pages) {
    const p = ff[name];
    if (!p) continue;
    lines.push(
      `| ${label}: DOMContentLoaded | ${ms(p.dcl.with.median)} | ${ms(p.dcl.floor.median)} | ${ms(p.dcl.without.median)} | ${signedPercent(p.withMinusFloor.dclPercent.median)} (${signed(p.withMinusFloor.dcl.median)}) |`,
      `| ${label}: load | ${ms(p.load.with.median)} | ${ms(p.load.floor.median)} | ${ms(p.load.without.median)} | ${signed(p.withMinusFloor.load.median)} |`,
    );
  }
  return lines;
}

const TABLES = /** @type {const} */ ([
  ['pageCost', pageCostTable],
  ['firefoxPageCost', firefoxPageCostTable],
  ['idle', idleTable],
  ['latency', latencyTable],
  ['scale', scaleTable],
  ['autoPip', autoPipTable],
  ['hostile', hostileTable],
]);

/**
 * The markdown table of `report`: a title line, then the tables of the sections it has.
 * @param {Report} report
 * @returns {string}
 */
export function table(report) {
  const lines = [
    `Media Deck benchmark — ${report.date}, Chromium ${report.chromium}, ${report.runs} runs a figure (medians; p95 in report.json)`,
  ];
  for (const [key, build] of TABLES) {
    const section = report.sections[key];
    if (section?.error) lines.push('', `${key}: failed (${section.error})`);
    else if (section) lines.push('', ...build(section));
  }
  return lines.join('\n');
}
