// Assent's one script: small progressive enhancements. Every page works without it (forms are
// real forms, times are printed in UTC by the server). No framework, no inline code (CSP).
(() => {
  const lang = document.documentElement.lang || undefined;
  // Dates as the server writes them: English in ITU's day-month-year order, 24-hour times.
  const dateLang = lang === 'en' ? 'en-GB' : lang;
  const clock24 = (at) =>
    new Intl.DateTimeFormat(dateLang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  // A button the script adds (it does nothing without the script, so it is not in the page).
  const scriptButton = (text, className) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = className;
    button.textContent = text;
    return button;
  };

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

  // <select multiple data-picker>: a search box over the options (an ARIA combobox with a
  // listbox), the chosen ones listed above it, each with a button to remove it. The select stays
  // in the form, hidden, and carries the choice: what is posted is what the select would post.
  // Matching ignores case and accents, on the option's text (the State's name in the page's
  // language and its code).
  const fold = (text) => text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
  for (const select of document.querySelectorAll('select[multiple][data-picker]')) {
    const id = select.id;
    const element = (tag, className) => {
      const el = document.createElement(tag);
      if (className) el.className = className;
      return el;
    };
    const wrap = element('div', 'picker');
    const chosen = element('ul', 'picker-chosen');
    chosen.setAttribute('aria-label', select.getAttribute('data-picker-chosen') || '');
    chosen.setAttribute('aria-live', 'polite');
    const input = element('input', 'input picker-input');
    input.type = 'text';
    input.id = `${id}-search`;
    input.autocomplete = 'off';
    input.spellcheck = false;
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    const listbox = element('ul', 'picker-listbox');
    listbox.id = `${id}-listbox`;
    listbox.setAttribute('role', 'listbox');
    listbox.hidden = true;
    input.setAttribute('aria-controls', listbox.id);
    const status = element('p', 'picker-status');
    status.setAttribute('role', 'status');
    for (const name of ['aria-describedby', 'aria-invalid']) {
      const value = select.getAttribute(name);
      if (value) input.setAttribute(name, value);
    }
    const label = document.querySelector(`label[for="${CSS.escape(id)}"]`);
    if (label) label.htmlFor = input.id;
    const options = Array.from(select.options, (option, index) => ({
      option,
      key: fold(`${option.text} ${option.value}`),
      id: `${id}-option-${index}`,
    }));
    let matches = [];
    let active = -1;

    const showChosen = () => {
      const items = options
        .filter((x) => x.option.selected)
        .map((x) => {
          const item = element('li');
          item.textContent = `${x.option.text} `;
          const remove = scriptButton('×', 'button-link picker-remove');
          remove.setAttribute(
            'aria-label',
            (select.getAttribute('data-picker-remove') || '{state}').replace('{state}', x.option.text),
          );
          remove.addEventListener('click', () => {
            x.option.selected = false;
            showChosen();
            input.focus();
          });
          item.append(remove);
          return item;
        });
      chosen.replaceChildren(...items);
      chosen.hidden = items.length === 0;
    };
    const close = () => {
      listbox.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    };
    const highlight = (index) => {
      active = index;
      for (const [i, item] of Array.from(listbox.children).entries()) {
        item.setAttribute('aria-selected', String(i === index));
        if (i === index) item.scrollIntoView({ block: 'nearest' });
      }
      if (index >= 0) input.setAttribute('aria-activedescendant', matches[index].id);
      else input.removeAttribute('aria-activedescendant');
    };
    const choose = (x) => {
      x.option.selected = true;
      input.value = '';
      status.textContent = '';
      close();
      showChosen();
      input.focus();
    };
    const open = (all) => {
      const query = fold(input.value.trim());
      matches = query === '' && !all ? [] : options.filter((x) => !x.option.selected && x.key.includes(query));
      listbox.replaceChildren(
        ...matches.map((x) => {
          const item = element('li');
          item.id = x.id;
          item.setAttribute('role', 'option');
          item.setAttribute('aria-selected', 'false');
          item.textContent = x.option.text;
          // Choosing with the pointer keeps the focus in the box.
          item.addEventListener('mousedown', (event) => event.preventDefault());
          item.addEventListener('click', () => choose(x));
          return item;
        }),
      );
      status.textContent = query !== '' && matches.length === 0 ? select.getAttribute('data-picker-none') || '' : '';
      listbox.hidden = matches.length === 0;
      input.setAttribute('aria-expanded', String(matches.length > 0));
      highlight(matches.length === 1 ? 0 : -1);
    };

    input.addEventListener('input', () => open(false));
    input.addEventListener('blur', close);
    input.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        if (listbox.hidden) open(true);
        else if (matches.length > 0)
          highlight((active + (event.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length);
      } else if (event.key === 'Enter') {
        // Enter chooses; it never posts the form from a half-typed search.
        if (active >= 0 && !listbox.hidden) {
          event.preventDefault();
          choose(matches[active]);
        } else if (input.value.trim() !== '') event.preventDefault();
      } else if (event.key === 'Escape' && !listbox.hidden) {
        event.preventDefault();
        close();
      }
    });

    wrap.append(chosen, input, listbox, status);
    select.hidden = true;
    select.after(wrap);
    showChosen();
    // The choice set another way (what was typed, given back): the list follows.
    select.addEventListener('change', showChosen);
  }

  // The reply form: a text's sub-options and fields show while a choice they belong to is chosen
  // ([data-choices]: the kinds of those choices); without the script every field shows. A field
  // the server refused stays shown whatever the choice (what was typed there is still sent: its
  // message asks to clear it, and the error summary leads to it). With several texts, a button
  // gives the first text's choice and sub-option to every other text.
  const replyBlocks = Array.from(document.querySelectorAll('fieldset.reply-text'));
  const choiceOf = (block) => block.querySelector('input[type="radio"][name^="position-"]:checked')?.value ?? null;
  const refused = (part) => part.matches('.has-error') || part.querySelector('[aria-invalid="true"]') !== null;
  const showChoice = (block) => {
    const kind = choiceOf(block);
    for (const part of block.querySelectorAll('[data-choices]'))
      part.hidden = !refused(part) && (kind === null || !part.getAttribute('data-choices').split(' ').includes(kind));
    for (const box of block.querySelectorAll('.reply-conditional'))
      box.hidden = Array.from(box.querySelectorAll('[data-choices]')).every((part) => part.hidden);
  };
  for (const block of replyBlocks) {
    showChoice(block);
    block.addEventListener('change', (event) => {
      if (event.target.name?.startsWith('position-')) showChoice(block);
    });
  }
  const replyFields = document.querySelector('.reply-fields[data-same]');
  if (replyFields && replyBlocks.length > 1) {
    const [first, ...others] = replyBlocks;
    const same = scriptButton(replyFields.getAttribute('data-same'), 'button button-secondary reply-same');
    const said = document.createElement('p');
    said.className = 'reply-same-status';
    said.setAttribute('role', 'status');
    same.addEventListener('click', () => {
      const position = first.querySelector('input[name^="position-"]:checked');
      if (!position) {
        first.querySelector('input[name^="position-"]')?.focus();
        return;
      }
      const option = first.querySelector('input[name^="option-"]:checked');
      for (const block of others) {
        for (const radio of block.querySelectorAll('input[name^="position-"]'))
          radio.checked = radio.value === position.value;
        for (const radio of block.querySelectorAll('input[name^="option-"]'))
          radio.checked = option !== null && radio.value === option.value;
        showChoice(block);
      }
      said.textContent = replyFields.getAttribute('data-same-done');
    });
    first.after(same, said);
  }

  // A signed-in page (body[data-session-keepalive]): two minutes before the session would end, a
  // banner says when and offers to stay signed in; typing in a form tells the server the person is
  // there (at most every five minutes), which keeps the session alive. Once it has ended, the
  // banner says so and links to signing in again, which comes back to this page.
  const body = document.body;
  const keepalive = body.getAttribute('data-session-keepalive');
  const signedIn = keepalive !== null;
  if (signedIn) {
    let idleEnds = Date.parse(body.getAttribute('data-session-idle-ends'));
    const ends = Date.parse(body.getAttribute('data-session-ends'));
    // The server's clock decides when a session ends; this computer's may be off. Times are
    // compared on the server's clock and shown on the reader's.
    let skew = Date.parse(body.getAttribute('data-session-now')) - Date.now() || 0;
    const serverNow = () => Date.now() + skew;
    const token = document.querySelector('.site-nav input[name="_csrf"]')?.value || '';
    const banner = document.createElement('div');
    banner.className = 'session-banner';
    banner.hidden = true;
    const said = document.createElement('p');
    said.setAttribute('role', 'alert');
    const stay = scriptButton(body.getAttribute('data-session-stay'), 'button');
    const again = document.createElement('a');
    again.className = 'button';
    again.href = body.getAttribute('data-session-sign-in-href');
    again.textContent = body.getAttribute('data-session-sign-in');
    banner.append(said, stay, again);
    body.append(banner);
    let lastPing = Date.now();
    const check = () => {
      const end = Math.min(idleEnds, ends);
      const left = end - serverNow();
      banner.hidden = left > 2 * 60_000;
      if (banner.hidden) return;
      const ended = left <= 0;
      const text = ended
        ? body.getAttribute('data-session-ended')
        : body.getAttribute('data-session-warning').replace('{time}', clock24(end - skew));
      if (said.textContent !== text) said.textContent = text;
      // Staying helps only against the idle end, not the session's last moment.
      stay.hidden = ended || ends - serverNow() <= 2 * 60_000;
      again.hidden = !ended;
    };
    const ping = async () => {
      lastPing = Date.now();
      try {
        const response = await fetch(keepalive, {
          method: 'POST',
          body: new URLSearchParams({ _csrf: token }),
          credentials: 'same-origin',
          redirect: 'manual',
          headers: { accept: 'application/json' },
        });
        if (response.ok) {
          const answer = await response.json();
          idleEnds = Date.parse(answer.idleEndsAt);
          skew = Date.parse(answer.now) - Date.now() || skew;
        }
        // The way to sign in, rather than an answer: the session has ended.
        else if (response.type === 'opaqueredirect' || response.status === 303) idleEnds = 0;
      } catch {
        // Offline for now: the next keystroke or the button tries again.
      }
      check();
    };
    stay.addEventListener('click', ping);
    document.addEventListener('input', () => {
      if (Date.now() - lastPing > 5 * 60_000) ping();
    });
    document.addEventListener('visibilitychange', check);
    check();
    setInterval(check, 10_000);
  }

  // The comments table of a reply text (details[data-comment-table]): its rows are built when it
  // is opened (an unused table has none in the page), a button adds rows up to the limit, and
  // cells copied from a table in Word or a spreadsheet (tab-separated, rows on lines, a cell with
  // line breaks in quotes) and pasted into a cell fill it and the cells to its right and below,
  // adding rows as needed; a plain paste (no tab) is left to the browser. The markup is the
  // server's (components/reply-fields.tsx), from the words on .reply-fields.
  // `fieldMakers` let a kept form (below) add the rows it needs before giving back what was typed.
  const fieldMakers = [];
  const tableWords = document.querySelector('.reply-fields[data-table-headings]');
  const CELL = /^table-(\d+)-(clause|comment|change)-(.+)$/;
  const COLUMNS = ['clause', 'comment', 'change'];
  const element = (tag, attributes = {}, text = '') => {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
    if (text) el.textContent = text;
    return el;
  };
  const rowsOf = (details) => Array.from(details.querySelectorAll('tbody > tr'));
  if (tableWords) {
    const data = (name) => tableWords.getAttribute(`data-table-${name}`);
    const [maxRows, maxClause, maxText] = data('limits').split(' ').map(Number);
    const headings = data('headings').split('\n');
    const numbered = (n) => data('row').replace('{number}', new Intl.NumberFormat(lang).format(n));
    // The table of a details, built (with its hint) when the page has none.
    const tableOf = (details) => {
      const existing = details.querySelector('table.comment-rows');
      if (existing) return existing;
      const base = `field-${details.getAttribute('data-comment-table')}-table`;
      const hint = element('p', { class: 'hint', id: `${base}-hint` }, data('hint'));
      const table = element('table', { class: 'rows comment-rows', 'aria-describedby': `${base}-hint` });
      const head = element('tr');
      ['row', ...COLUMNS].forEach((column, i) => {
        head.append(element('th', { scope: 'col', id: `${base}-head-${column}` }, headings[i]));
      });
      table.append(element('thead'), element('tbody'));
      table.tHead.append(head);
      const scroll = element('div', { class: 'table-scroll' });
      scroll.append(table);
      details.append(hint, scroll);
      return table;
    };
    const addRow = (details) => {
      const table = tableOf(details);
      const index = rowsOf(details).length;
      if (index >= maxRows) return null;
      const text = details.getAttribute('data-comment-table');
      const base = `field-${text}-table`;
      const row = element('tr');
      const rowId = `${base}-${index}-head`;
      row.append(element('th', { scope: 'row', id: rowId }, numbered(index + 1)));
      for (const column of COLUMNS) {
        const attributes = {
          class: 'input',
          id: `${base}-${index}-${column}`,
          name: `table-${index}-${column}-${text}`,
          'aria-labelledby': `${base}-head-${column} ${rowId}`,
        };
        const input =
          column === 'clause'
            ? element('input', { type: 'text', maxlength: maxClause, ...attributes })
            : element('textarea', { rows: 3, maxlength: maxText, ...attributes });
        const cell = element('td');
        cell.append(input);
        row.append(cell);
      }
      table.tBodies[0].append(row);
      return row;
    };
    const parseCells = (text) => {
      const rows = [];
      let row = [];
      let cell = '';
      let quoted = false;
      const source = text.replace(/\r\n?/g, '\n');
      for (let i = 0; i < source.length; i++) {
        const c = source[i];
        if (quoted) {
          if (c === '"' && source[i + 1] === '"') {
            cell += '"';
            i++;
          } else if (c === '"') quoted = false;
          else cell += c;
        } else if (c === '"' && cell === '') quoted = true;
        else if (c === '\t') {
          row.push(cell);
          cell = '';
        } else if (c === '\n') {
          row.push(cell);
          rows.push(row);
          row = [];
          cell = '';
        } else cell += c;
      }
      if (cell !== '' || row.length > 0) rows.push([...row, cell]);
      return rows.filter((cells) => cells.some((value) => value.trim() !== ''));
    };
    for (const details of document.querySelectorAll('details[data-comment-table]')) {
      // Its rows come with opening it: the button that asks the server for them is not needed.
      details.querySelector('button[name="rows"]')?.remove();
      const add = scriptButton(data('add'), 'button button-secondary comment-add');
      const said = element('p', { class: 'reply-same-status', role: 'status' });
      let ready = false;
      // Opened: the rows it needs (two to start with), the button and the paste hint.
      const prepare = () => {
        if (ready) return;
        ready = true;
        tableOf(details);
        while (rowsOf(details).length < 2) addRow(details);
        const hint = details.querySelector('.hint');
        hint.textContent = `${hint.textContent} ${data('paste-hint')}`;
        details.querySelector('.table-scroll').after(add, said);
      };
      if (details.open) prepare();
      details.addEventListener('toggle', () => {
        if (details.open) prepare();
      });
      add.addEventListener('click', () => {
        addRow(details)?.querySelector('input').focus();
        add.disabled = rowsOf(details).length >= maxRows;
      });
      details.addEventListener('paste', (event) => {
        const match = CELL.exec(event.target.name || '');
        const text = event.clipboardData?.getData('text/plain') ?? '';
        if (!match || !text.includes('\t')) return;
        event.preventDefault();
        const first = COLUMNS.indexOf(match[2]);
        let index = Number(match[1]);
        let filled = 0;
        for (const cells of parseCells(text)) {
          const row = rowsOf(details)[index] ?? addRow(details);
          if (!row) break;
          cells.slice(0, COLUMNS.length - first).forEach((value, offset) => {
            const column = COLUMNS[first + offset];
            const input = row.querySelector(`[name^="table-${index}-${column}-"]`);
            input.value = column === 'clause' ? value.replace(/\s+/g, ' ').trim() : value.trim();
          });
          index++;
          filled++;
        }
        said.textContent = data('pasted').replace('{count}', String(filled));
        event.target.dispatchEvent(new Event('input', { bubbles: true }));
      });
      fieldMakers.push((name) => {
        const match = CELL.exec(name);
        if (!match || match[3] !== details.getAttribute('data-comment-table')) return;
        details.open = true;
        prepare();
        while (rowsOf(details).length <= Number(match[1]) && addRow(details));
      });
    }
  }

  // <form data-keep>: what is typed is kept in this tab (sessionStorage, gone when the tab closes)
  // as it is typed. If the page comes back without it (a session that ended, a browser that
  // crashed, a page left unsaved), a notice offers it back. Files cannot be kept; passwords are
  // not. A form that was sent is forgotten when its page comes back (saved, or shown again with
  // its problems by the server), unless signing in came between: then it never arrived.
  const KEEP = 'assent:keep:';
  const kept = () => Object.keys(sessionStorage).filter((name) => name.startsWith(KEEP));
  const markSent = [];
  if (!signedIn)
    for (const name of kept()) {
      try {
        const stored = JSON.parse(sessionStorage.getItem(name));
        if (stored?.sent) sessionStorage.setItem(name, JSON.stringify({ ...stored, sent: false }));
      } catch {
        sessionStorage.removeItem(name);
      }
    }
  for (const form of document.querySelectorAll('form[data-keep]')) {
    const key = KEEP + location.pathname;
    const fields = () =>
      Array.from(form.elements).filter(
        (el) => el.name && !['file', 'password', 'hidden', 'submit', 'button', 'reset'].includes(el.type),
      );
    const read = () => {
      const values = {};
      for (const el of fields()) {
        const list = values[el.name] || [];
        values[el.name] = list;
        if (el.type === 'radio' || el.type === 'checkbox') {
          if (el.checked) list.push(el.value);
        } else if (el.tagName === 'SELECT' && el.multiple) list.push(...Array.from(el.selectedOptions, (o) => o.value));
        else list.push(el.value);
      }
      return values;
    };
    const write = (values) => {
      // Rows a script added before (a comments table's) are added again first.
      for (const name of Object.keys(values))
        if (!form.elements.namedItem(name)) for (const make of fieldMakers) make(name);
      const seen = {};
      for (const el of fields()) {
        const list = values[el.name] || [];
        if (el.type === 'radio' || el.type === 'checkbox') el.checked = list.includes(el.value);
        else if (el.tagName === 'SELECT' && el.multiple)
          for (const option of el.options) option.selected = list.includes(option.value);
        else {
          const index = seen[el.name] || 0;
          seen[el.name] = index + 1;
          if (index < list.length) el.value = list[index];
        }
        el.dispatchEvent(new Event('change', { bubbles: true }));
      }
    };
    let stored = null;
    try {
      stored = JSON.parse(sessionStorage.getItem(key) || 'null');
    } catch {
      stored = null;
    }
    const fresh = stored && !stored.sent && Date.now() - stored.at < 12 * 3600_000;
    if (fresh && JSON.stringify(stored.values) !== JSON.stringify(read())) {
      const notice = document.createElement('div');
      notice.className = 'keep-notice';
      const text = document.createElement('p');
      text.setAttribute('role', 'status');
      text.textContent = form.getAttribute('data-keep-found').replace('{time}', clock24(stored.at));
      const restore = scriptButton(form.getAttribute('data-keep-restore'), 'button');
      const discard = scriptButton(form.getAttribute('data-keep-discard'), 'button button-secondary');
      restore.addEventListener('click', () => {
        write(stored.values);
        text.textContent = form.getAttribute('data-keep-restored');
        restore.remove();
        discard.remove();
        text.focus();
      });
      discard.addEventListener('click', () => {
        sessionStorage.removeItem(key);
        notice.remove();
      });
      text.tabIndex = -1;
      notice.append(text, restore, discard);
      form.before(notice);
    } else sessionStorage.removeItem(key);
    let pending = null;
    const keep = () => {
      clearTimeout(pending);
      pending = setTimeout(() => {
        try {
          sessionStorage.setItem(key, JSON.stringify({ at: Date.now(), values: read() }));
        } catch {
          // Storage full or refused: the form works as without the script.
        }
      }, 400);
    };
    // Marked sent once the post really goes (registered last, after any confirmation: below).
    markSent.push([
      form,
      () => {
        clearTimeout(pending);
        try {
          sessionStorage.setItem(key, JSON.stringify({ at: Date.now(), values: read(), sent: true }));
        } catch {
          // As above.
        }
      },
    ]);
    form.addEventListener('input', keep);
    form.addEventListener('change', (event) => {
      if (event.isTrusted) keep();
    });
  }
  // Signing out forgets what was kept in this tab: the next person must not find it.
  for (const form of document.querySelectorAll('.site-nav form')) {
    form.addEventListener('submit', () => {
      for (const name of kept()) sessionStorage.removeItem(name);
    });
  }

  // <form data-confirm="question">: ask before a final, consequential post.
  for (const form of document.querySelectorAll('form[data-confirm]')) {
    form.addEventListener('submit', (event) => {
      if (!window.confirm(form.getAttribute('data-confirm'))) event.preventDefault();
    });
  }
  for (const [form, mark] of markSent)
    form.addEventListener('submit', (event) => {
      if (!event.defaultPrevented) mark();
    });
  // A form posts once: a second submit while the first is on its way (a double click, Enter
  // pressed twice) is dropped for ten seconds, so that a single-use code or a reply is not sent
  // twice. Registered last: a post a confirmation cancelled does not count.
  for (const form of document.querySelectorAll('form[method="post"]')) {
    let sending = false;
    form.addEventListener('submit', (event) => {
      if (event.defaultPrevented) return;
      if (sending) {
        event.preventDefault();
        return;
      }
      sending = true;
      setTimeout(() => {
        sending = false;
      }, 10_000);
    });
    // Back to the page from the browser's cache: its form may be sent again.
    window.addEventListener('pageshow', () => {
      sending = false;
    });
  }
})();
