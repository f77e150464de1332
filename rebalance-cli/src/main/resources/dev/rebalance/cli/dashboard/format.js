// Rebalance dashboard: the one way the page shows figures and times, by the same rules as the
// CLI's HumanFormat (docs/dashboard.md, "Numbers and times"):
//   money to cents with thousands separators (9,239.01); fractions as percentages to two decimals
//   (-2.68%, signed where a change: +20.00%); scores to two decimals (25.49; differences signed:
//   +23.20); quantities exactly (10.5); times to the second with their zone
//   (2025-11-25 16:00:00 UTC); durations in their two largest units (5d 0h, 1h 57m, 15m);
//   absent values "-". Rounding is half-even, done on the decimal digits (not on binary floats),
//   exact for numbers of up to 15 significant digits.
'use strict';
(function (global) {
  const ABSENT = '-';

  // A JSON number as a plain decimal string: sign, integer digits, fraction digits.
  function decimal(v) {
    let s = typeof v === 'string' ? v.trim() : String(v);
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return null;
    let neg = false;
    if (s[0] === '-' || s[0] === '+') { neg = s[0] === '-'; s = s.slice(1); }
    let exp = 0;
    const e = s.search(/[eE]/);
    if (e >= 0) { exp = Number(s.slice(e + 1)); s = s.slice(0, e); }
    let dot = s.indexOf('.');
    let digits = dot < 0 ? s : s.slice(0, dot) + s.slice(dot + 1);
    let point = (dot < 0 ? s.length : dot) + exp;
    if (point < 0) { digits = '0'.repeat(-point) + digits; point = 0; }
    if (point > digits.length) { digits = digits + '0'.repeat(point - digits.length); }
    const int = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
    return { neg, int, frac: digits.slice(point) };
  }
  // Moves the decimal point right by n places (n may be negative).
  function shift(d, n) {
    let digits = d.int + d.frac, point = d.int.length + n;
    if (point < 0) { digits = '0'.repeat(-point) + digits; point = 0; }
    if (point > digits.length) { digits = digits + '0'.repeat(point - digits.length); }
    return { neg: d.neg, int: digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0', frac: digits.slice(point) };
  }
  // Rounds half-even to `places` fraction digits.
  function round(d, places) {
    const keep = (d.frac + '0'.repeat(places)).slice(0, places);
    const rest = d.frac.slice(places);
    let digits = (d.int + keep).split('').map(Number);
    const first = rest.length ? Number(rest[0]) : 0;
    const tail = /[1-9]/.test(rest.slice(1));
    const last = digits.length ? digits[digits.length - 1] : 0;
    const up = first > 5 || (first === 5 && (tail || last % 2 === 1));
    if (up) {
      let i = digits.length - 1;
      while (i >= 0) {
        if (digits[i] === 9) { digits[i] = 0; i--; } else { digits[i]++; break; }
      }
      if (i < 0) digits.unshift(1);
    }
    const all = digits.join('');
    const intLen = all.length - places;
    const int = all.slice(0, intLen).replace(/^0+(?=\d)/, '') || '0';
    const frac = all.slice(intLen);
    const zero = !/[1-9]/.test(int + frac);
    return { neg: d.neg && !zero, int, frac };
  }
  function text(d, group) {
    const int = group ? d.int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : d.int;
    return (d.neg ? '-' : '') + int + (d.frac ? '.' + d.frac : '');
  }
  function signed(s) {
    return s.startsWith('-') || !/[1-9]/.test(s) ? s : '+' + s;
  }
  function absent(v) { return v === null || v === undefined || decimal(v) === null; }

  const F = {
    ABSENT,
    /** Money to cents: 9239.0136988457124 is 9,239.01. */
    money(v) { return absent(v) ? ABSENT : text(round(decimal(v), 2), true); },
    /** A fraction as a percentage: -0.0268338705 is -2.68%. */
    percent(v) { return absent(v) ? ABSENT : text(round(shift(decimal(v), 2), 2), false) + '%'; },
    /** A fraction as a signed percentage: 0.2 is +20.00%. */
    signedPercent(v) { return absent(v) ? ABSENT : signed(F.percent(v)); },
    /** A value already in percent, signed: 10 is +10.00% (the API's plPercent). */
    signedPoints(v) { return absent(v) ? ABSENT : signed(text(round(decimal(v), 2), false) + '%'); },
    /** A score to two decimals: 25.4941176471 is 25.49. */
    score(v) { return absent(v) ? ABSENT : text(round(decimal(v), 2), false); },
    /** A score difference, signed: 23.2 is +23.20. */
    scoreDiff(v) { return absent(v) ? ABSENT : signed(F.score(v)); },
    /** A quantity exactly: 10.500000000 is 10.5. */
    quantity(v) {
      if (absent(v)) return ABSENT;
      const d = decimal(v);
      const frac = d.frac.replace(/0+$/, '');
      const zero = !/[1-9]/.test(d.int + frac);
      return zero ? '0' : text({ neg: d.neg, int: d.int, frac }, false);
    },
    /** A time to the second with its zone: 2025-11-25 16:00:00 UTC. `zone` is 'UTC' or an IANA id. */
    time(iso, zone) {
      if (!iso) return ABSENT;
      const t = new Date(iso);
      if (Number.isNaN(t.getTime())) return ABSENT;
      const z = zone || 'UTC';
      if (z === 'UTC') return t.toISOString().slice(0, 19).replace('T', ' ') + ' UTC';
      const p = {};
      new Intl.DateTimeFormat('en-CA', { timeZone: z, year: 'numeric', month: '2-digit', day: '2-digit',
        hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
        .formatToParts(t).forEach((x) => { p[x.type] = x.value; });
      return p.year + '-' + p.month + '-' + p.day + ' ' + p.hour + ':' + p.minute + ':' + p.second + ' ' + z;
    },
    /** A date alone in `zone`, for chart axes: 2025-11-25. */
    date(ms, zone) {
      return F.time(new Date(ms).toISOString(), zone).slice(0, 10);
    },
    /** An ISO-8601 duration (PT26H3M) in its two largest units: 1d 2h, 1h 57m, 15m; negative is -. */
    duration(iso) {
      if (!iso) return ABSENT;
      const m = /^(-)?P(?:(\d+)D)?(?:T(?:(-?\d+)H)?(?:(-?\d+)M)?(?:(-?[\d.]+)S)?)?$/.exec(iso);
      if (!m) return ABSENT;
      const total = (Number(m[2] || 0) * 86400 + Number(m[3] || 0) * 3600 + Number(m[4] || 0) * 60
        + Number(m[5] || 0)) * (m[1] ? -1 : 1);
      if (total < 0) return ABSENT;
      const days = Math.floor(total / 86400), hours = Math.floor(total % 86400 / 3600),
        minutes = Math.floor(total % 3600 / 60);
      if (days > 0) return days + 'd ' + hours + 'h';
      return hours > 0 ? hours + 'h ' + minutes + 'm' : minutes + 'm';
    },
  };
  global.RebalanceFormat = Object.freeze(F);
})(window);
