// Assent's one script: small progressive enhancements. Every page works without it (forms are
// real forms, times are printed in UTC by the server). No framework, no inline code (CSP).
(() => {
  const lang = document.documentElement.lang || undefined;
  // Dates as the server writes them: English in ITU's day-month-year order, 24-hour times.
  const dateLang = lang === 'en' ? 'en-GB' : lang;

  // <time datetime="…" data-local>: add the reader's own time beside the UTC one, unless the
  // reader's clock reads UTC at that instant (nothing to add).
  for (const el of document.querySelectorAll('time[data-local]')) {
    const at = new Date(el.getAttribute('datetime'));
    if (Number.isNaN(at.getTime()) || at.getTimezoneOffset() === 0) continue;
    const local = new Intl.DateTimeFormat(dateLang, {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    }).format(at);
    const span = document.createElement('span');
    span.className = 'local-time';
    span.textContent = ` (${el.getAttribute('data-local-label') || ''}${local})`;
    el.after(span);
  }

  // [data-countdown="ISO instant"]: the time left, updated each minute, in the page's language.
  const countdowns = document.querySelectorAll('[data-countdown]');
  const units = [
    ['day', 86400000],
    ['hour', 3600000],
    ['minute', 60000],
  ];
  const tick = () => {
    for (const el of countdowns) {
      const left = new Date(el.getAttribute('data-countdown')).getTime() - Date.now();
      if (Number.isNaN(left)) continue;
      if (left <= 0) {
        el.textContent = el.getAttribute('data-countdown-over') || '';
        continue;
      }
      const parts = [];
      let rest = left;
      for (const [unit, ms] of units) {
        const n = Math.floor(rest / ms);
        rest -= n * ms;
        if (n > 0 || unit === 'minute')
          parts.push(new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }).format(n));
      }
      el.textContent = (el.getAttribute('data-countdown-prefix') || '') + parts.slice(0, 2).join(' ');
    }
  };
  if (countdowns.length > 0) {
    tick();
    setInterval(tick, 60000);
  }

  // <form data-confirm="question">: ask before a final, consequential post.
  for (const form of document.querySelectorAll('form[data-confirm]')) {
    form.addEventListener('submit', (event) => {
      if (!window.confirm(form.getAttribute('data-confirm'))) event.preventDefault();
    });
  }
})();
