// Rebalance dashboard: plain JavaScript, no dependencies. Data only ever goes into the page
// through textContent / SVG attributes, never as HTML. Every figure and time is shown as the
// server wrote it in the API's `text` fields (HumanFormat, the CLI's and the bots' formatter), in
// the zone the page asks for; the page itself only rounds chart gridline values.
'use strict';
(function () {
  const REFRESH_MS = 3000;
  const PAGE = 20;
  const SVG = 'http://www.w3.org/2000/svg';
  const ABSENT = '-';
  let token = null;
  // zone: null shows times in the dashboard's --zone; else a zone id sent as ?zone=.
  const state = { offset: 0, sort: 'time', order: 'desc', total: 0, lockSymbol: null, account: null,
    zone: null, zoneLabel: 'UTC', accounts: [] };
  const LOCAL_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  try {
    if (localStorage.getItem('rebalanceZone') === 'local') state.zone = LOCAL_ZONE;
    state.account = sessionStorage.getItem('rebalanceAccount');
  } catch (e) { /* private mode: defaults */ }

  // The token arrives in the URL fragment (#token=...), never in a query string. Keep it for
  // this tab only and take it out of the address bar.
  (function readToken() {
    const m = /(?:^|[#&])token=([^&]+)/.exec(location.hash);
    if (m) {
      token = decodeURIComponent(m[1]);
      try { sessionStorage.setItem('rebalanceToken', token); } catch (e) { /* private mode */ }
      history.replaceState(null, '', location.pathname + location.search);
    } else {
      try { token = sessionStorage.getItem('rebalanceToken'); } catch (e) { token = null; }
    }
  })();

  const $ = (id) => document.getElementById(id);
  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  // Adds the picked account and zone to an API path.
  function withAccount(path) {
    const add = (p, k, v) => p + (p.includes('?') ? '&' : '?') + k + '=' + encodeURIComponent(v);
    let p = path;
    if (state.account) p = add(p, 'account', state.account);
    if (state.zone) p = add(p, 'zone', state.zone);
    return p;
  }
  // A gridline value for a chart axis, to two decimals (grouped in thousands for money).
  function tick(v, group) {
    const parts = Math.abs(v).toFixed(2).split('.');
    const int = group ? parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ',') : parts[0];
    return (v < 0 && /[1-9]/.test(parts.join('')) ? '-' : '') + int + '.' + parts[1];
  }

  async function api(method, path, body) {
    const headers = { 'Accept': 'application/json' };
    if (method !== 'GET') {
      headers['Content-Type'] = 'application/json';
      if (token) headers['Authorization'] = 'Bearer ' + token;
    }
    const res = await fetch(withAccount(path), { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store', credentials: 'omit' });
    const data = await res.json().catch(() => ({ error: 'HTTP ' + res.status }));
    if (!res.ok) throw new Error(data.error || ('HTTP ' + res.status));
    return data;
  }

  function renderStats(s) {
    const t = s.text;
    state.zoneLabel = t.zone;
    $('stat-total').textContent = s.totalRebalances;
    $('stat-avg').textContent = t.avgScoreImprovement;
    $('stat-minmax').textContent = s.minScoreImprovement === null ? ABSENT
      : t.minScoreImprovement + ' / ' + t.maxScoreImprovement;
    $('stat-last').textContent = t.lastRebalance;
    $('stat-locked').textContent = s.lockedPositions;
    let cd;
    if (!s.cooldownEndsAt) cd = 'no swap yet';
    else if (s.cooldownRemaining === 'PT0S') cd = 'ready';
    else cd = t.cooldownRemaining + ' left';
    $('stat-cooldown').textContent = cd;
    $('stat-cooldown').title = 'cooldown ' + t.cooldown + (s.cooldownEndsAt ? ', ends ' + t.cooldownEndsAt : '');
    $('stat-paid').textContent = s.swapsWithPayoff === 0 ? ABSENT : s.swapsPaidOff + ' of ' + s.swapsWithPayoff;
    $('stat-amount').textContent = t.amountSwapped;
    $('stat-excess').textContent = t.excessReturn;
    $('positions').classList.toggle('no-prices', !s.pricesConfigured);
  }

  function renderAccounts(a) {
    state.accounts = a.accounts.map((x) => x.account);
    if (!state.account || !state.accounts.includes(state.account)) state.account = a.current;
    const pick = $('account');
    pick.replaceChildren(...a.accounts.map((x) => {
      const o = el('option', x.account + (x.swaps || x.positions ? ' (' + x.positions + ' positions, ' + x.swaps + ' swaps)' : ' (empty)'));
      o.value = x.account;
      return o;
    }));
    pick.value = state.account;
    // The dashboard's own zone (--zone), the default for times.
    $('zone').querySelector('option[value="default"]').textContent = a.zone;
  }

  function renderZone() {
    const pick = $('zone');
    const local = pick.querySelector('option[value="local"]');
    local.textContent = 'Local time (' + LOCAL_ZONE + ')';
    pick.value = state.zone ? 'local' : 'default';
  }

  function renderPositions(list) {
    const body = document.querySelector('#positions tbody');
    const rows = [];
    for (const p of list) {
      const tr = el('tr');
      tr.dataset.symbol = p.symbol;
      const sym = el('td'); sym.appendChild(el('strong', p.symbol)); tr.appendChild(sym);
      const entry = el('td', p.text.entryTime, 'time');
      entry.appendChild(el('div', p.entrySource.toLowerCase().replace(/_/g, ' '), 'muted small'));
      tr.appendChild(entry);
      tr.appendChild(el('td', p.text.entryPrice, 'num'));
      tr.appendChild(el('td', p.text.currentPrice, 'num'));
      const pl = el('td', p.text.plPercent, 'num');
      if (p.plPercent !== null) pl.classList.add(Number(p.plPercent) >= 0 ? 'pos' : 'neg');
      tr.appendChild(pl);
      tr.appendChild(el('td', p.text.heldFor));
      const lockTd = el('td');
      if (p.lock) {
        const b = el('span', 'locked', 'badge lock-badge');
        lockTd.appendChild(b);
        const info = [p.lock.reason, p.lock.expiresAt ? 'until ' + p.lock.text.expiresAt : null].filter(Boolean).join(' · ');
        if (info) {
          b.title = info;
          lockTd.appendChild(el('div', info, 'muted small lock-info'));
        }
      }
      tr.appendChild(lockTd);
      const act = el('td');
      const btn = el('button', p.lock ? 'Unlock' : 'Lock', p.lock ? 'unlock-btn' : 'lock-btn');
      btn.type = 'button';
      btn.disabled = !token;
      btn.addEventListener('click', () => (p.lock ? unlock(p.symbol) : openLock(p.symbol)));
      act.appendChild(btn);
      tr.appendChild(act);
      rows.push(tr);
    }
    body.replaceChildren(...rows);
    $('positions-empty').hidden = list.length > 0;
    $('token-note').hidden = !!token;
  }

  function renderHistory(h) {
    state.total = h.total;
    const body = document.querySelector('#history tbody');
    const rows = h.items.map((e) => {
      const tr = el('tr');
      tr.appendChild(el('td', e.text.timestamp, 'time'));
      tr.appendChild(el('td', e.oldSymbol));
      tr.appendChild(el('td', e.newSymbol));
      tr.appendChild(el('td', e.text.oldScore, 'num'));
      tr.appendChild(el('td', e.text.newScore, 'num'));
      tr.appendChild(el('td', e.text.scoreDiff, 'num ' + (Number(e.scoreDiff) >= 0 ? 'pos' : 'neg')));
      tr.appendChild(el('td', e.text.soldQty, 'num'));
      tr.appendChild(el('td', e.text.sellFraction, 'num'));
      return tr;
    });
    body.replaceChildren(...rows);
    $('history-empty').hidden = h.total > 0;
    const from = h.total === 0 ? 0 : h.offset + 1, to = h.offset + h.items.length;
    $('page-info').textContent = from + '–' + to + ' of ' + h.total;
    $('prev').disabled = h.offset === 0;
    $('next').disabled = to >= h.total;
    for (const b of document.querySelectorAll('button.sort')) {
      b.classList.toggle('active', b.dataset.sort === state.sort);
      b.classList.toggle('asc', state.order === 'asc');
    }
  }

  // ---- charts: hand-drawn SVG ----
  function svg(tag, attrs, text) {
    const e = document.createElementNS(SVG, tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function frame(series, opts) {
    const W = 560, H = 220, L = 48, R = 12, T = 12, B = 28;
    const root = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': opts.label });
    const xs = series.flatMap((s) => s.points.map((p) => p[0]));
    const ys = series.flatMap((s) => s.points.map((p) => p[1])).concat([0]);
    let x0 = Math.min(...xs), x1 = Math.max(...xs);
    if (x0 === x1) { x0 -= 3600e3; x1 += 3600e3; }
    let y0 = Math.min(...ys), y1 = Math.max(...ys);
    if (y0 === y1) { y0 -= 1; y1 += 1; }
    const pad = (y1 - y0) * 0.08; y0 -= pad; y1 += pad;
    const X = (v) => L + (v - x0) / (x1 - x0) * (W - L - R);
    const Y = (v) => T + (y1 - v) / (y1 - y0) * (H - T - B);
    for (let i = 0; i <= 4; i++) {
      const v = y0 + (y1 - y0) * i / 4;
      root.appendChild(svg('line', { x1: L, x2: W - R, y1: Y(v), y2: Y(v), class: 'grid' }));
      root.appendChild(svg('text', { x: L - 6, y: Y(v) + 3, 'text-anchor': 'end', class: 'tick' },
        opts.tick(v)));
    }
    root.appendChild(svg('line', { x1: L, x2: W - R, y1: Y(0), y2: Y(0), class: 'axis', 'stroke-width': 1.5 }));
    // The first and last swap's dates, as the server wrote them in the page's zone.
    root.appendChild(svg('text', { x: L, y: H - 8, 'text-anchor': 'start', class: 'tick' }, opts.dates[0].slice(0, 10)));
    root.appendChild(svg('text', { x: W - R, y: H - 8, 'text-anchor': 'end', class: 'tick' }, opts.dates[1].slice(0, 10)));
    root.appendChild(svg('text', { x: W - R, y: T - 2, 'text-anchor': 'end', class: 'tick' },
      'dates in ' + state.zoneLabel));
    return { root, X, Y, W, L, T };
  }
  function scoreChart(items) {
    const box = $('chart-scores');
    if (items.length === 0) { box.replaceChildren(el('p', 'No swaps yet.', 'empty')); return; }
    const pts = items.map((s) => [Date.parse(s.timestamp), Number(s.scoreDiff)]);
    const f = frame([{ points: pts }], { label: 'score improvement per swap', tick: (v) => tick(v, false),
      dates: [items[0].text.timestamp, items[items.length - 1].text.timestamp] });
    f.root.appendChild(svg('polyline', { points: pts.map((p) => f.X(p[0]) + ',' + f.Y(p[1])).join(' '),
      fill: 'none', stroke: '#9fb4ea', 'stroke-width': 1.5 }));
    items.forEach((s, i) => {
      const c = svg('circle', { cx: f.X(pts[i][0]), cy: f.Y(pts[i][1]), r: 4, fill: pts[i][1] >= 0 ? '#2557d6' : '#c0392b' });
      c.appendChild(svg('title', {}, s.oldSymbol + ' → ' + s.newSymbol + ': ' + s.text.scoreDiff + ' (' + s.text.timestamp + ')'));
      f.root.appendChild(c);
    });
    box.replaceChildren(f.root);
  }
  function payoffChart(items) {
    const box = $('chart-payoff');
    const priced = items.filter((s) => s.amount !== null);
    if (priced.length === 0) {
      box.replaceChildren(el('p', 'No swap has the prices its payoff needs yet.', 'empty'));
      return;
    }
    let a = 0, b = 0;
    const start = Date.parse(priced[0].timestamp) - 1;
    const swapped = [[start, 0]], kept = [[start, 0]];
    for (const s of priced) {
      const t = Date.parse(s.timestamp);
      a += Number(s.amount) * Number(s.boughtReturn);
      b += Number(s.amount) * Number(s.soldReturn);
      swapped.push([t, a]); kept.push([t, b]);
    }
    const f = frame([{ points: swapped }, { points: kept }], { label: 'cumulative gain of swaps against keeping the sold positions',
      tick: (v) => tick(v, true), dates: [priced[0].text.timestamp, priced[priced.length - 1].text.timestamp] });
    const line = (pts, color, dash) => svg('polyline', { points: pts.map((p) => f.X(p[0]) + ',' + f.Y(p[1])).join(' '),
      fill: 'none', stroke: color, 'stroke-width': 2.2, 'stroke-dasharray': dash || 'none' });
    f.root.appendChild(line(kept, '#8a93a6', '5 4'));
    f.root.appendChild(line(swapped, '#1a7f4b'));
    const legend = el('div', null, 'legend');
    const key = (cls, text) => { const k = el('span', text, 'key ' + cls); legend.appendChild(k); };
    key('swapped', 'swapped: gain of what was bought');
    key('kept', 'kept: gain had the sold positions been kept');
    box.replaceChildren(f.root, legend);
  }

  // ---- actions ----
  function openLock(symbol) {
    state.lockSymbol = symbol;
    $('lock-symbol').textContent = symbol;
    $('lock-reason').value = '';
    $('lock-until').value = '';
    $('lock-error').textContent = '';
    $('lock-dialog').showModal();
    $('lock-reason').focus();
  }
  async function confirmLock(ev) {
    ev.preventDefault();
    const body = {};
    const reason = $('lock-reason').value.trim(), until = $('lock-until').value.trim();
    if (reason) body.reason = reason;
    if (until) body.until = until;
    try {
      await api('POST', '/api/locks/' + encodeURIComponent(state.lockSymbol), body);
      $('lock-dialog').close();
      refresh();
    } catch (e) {
      $('lock-error').textContent = e.message;
    }
  }
  async function unlock(symbol) {
    try {
      await api('DELETE', '/api/locks/' + encodeURIComponent(symbol));
    } catch (e) {
      setStatus(e.message, true);
    }
    refresh();
  }
  function setStatus(text, err) {
    const s = $('status');
    s.textContent = text;
    s.classList.toggle('err', !!err);
  }

  let busy = false;
  async function refresh() {
    if (busy) return;
    busy = true;
    try {
      const q = '?limit=' + PAGE + '&offset=' + state.offset + '&sort=' + state.sort + '&order=' + state.order;
      if (state.accounts.length === 0) renderAccounts(await api('GET', '/api/accounts'));
      const [stats, positions, history, swaps] = await Promise.all([
        api('GET', '/api/stats'), api('GET', '/api/positions'), api('GET', '/api/history' + q), api('GET', '/api/swaps')]);
      renderStats(stats);
      renderPositions(positions);
      renderHistory(history);
      scoreChart(swaps.items);
      payoffChart(swaps.items);
      setStatus('updated ' + stats.text.now.slice(11));
      document.body.dataset.loaded = 'true';
    } catch (e) {
      setStatus('cannot load: ' + e.message, true);
    } finally {
      busy = false;
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    renderZone();
    $('zone').addEventListener('change', () => {
      state.zone = $('zone').value === 'local' ? LOCAL_ZONE : null;
      try { localStorage.setItem('rebalanceZone', $('zone').value); } catch (e) { /* private mode */ }
      refresh();
    });
    $('account').addEventListener('change', () => {
      state.account = $('account').value;
      try { sessionStorage.setItem('rebalanceAccount', state.account); } catch (e) { /* private mode */ }
      state.offset = 0;
      refresh();
    });
    $('account').addEventListener('focus', async () => {
      try { renderAccounts(await api('GET', '/api/accounts')); } catch (e) { /* keep the list */ }
    });
    $('lock-form').addEventListener('submit', confirmLock);
    $('lock-cancel').addEventListener('click', () => $('lock-dialog').close());
    $('prev').addEventListener('click', () => { state.offset = Math.max(0, state.offset - PAGE); refresh(); });
    $('next').addEventListener('click', () => { state.offset += PAGE; refresh(); });
    for (const b of document.querySelectorAll('button.sort')) {
      b.addEventListener('click', () => {
        if (state.sort === b.dataset.sort) state.order = state.order === 'desc' ? 'asc' : 'desc';
        else { state.sort = b.dataset.sort; state.order = 'desc'; }
        state.offset = 0;
        refresh();
      });
    }
    refresh();
    setInterval(refresh, REFRESH_MS);
  });
})();
