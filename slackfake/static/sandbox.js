// The local Slack's page: swaps in the parts the server rendered, and sends what the person does.
// No build step: plain JavaScript, loaded as is.
(() => {
  "use strict";
  const state = JSON.parse(document.getElementById("sandbox-state").textContent);
  state.version = -1;
  const shown = {};
  const $ = (id) => document.getElementById(id);
  const timings = (window.sandboxTimings = { enter: [], rendered: [] });

  function query(extra) {
    const q = new URLSearchParams({ as: state.user, c: state.channel, tab: state.tab });
    if (state.thread) q.set("thread", state.thread);
    for (const [k, v] of Object.entries(extra || {})) q.set(k, v);
    return q;
  }

  function remember() {
    document.body.dataset.tab = state.tab;
    const q = query();
    history.replaceState(null, "", "?" + q.toString());
  }

  async function post(what, body) {
    const resp = await fetch("/sandbox/" + what, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(Object.assign({ as: state.user }, body)),
    });
    const data = await resp.json();
    if (!data.ok && data.error) showError(data.error);
    return data;
  }

  function showError(text) {
    const box = $("composer-error");
    box.textContent = text;
    setTimeout(() => { if (box.textContent === text) box.textContent = ""; }, 6000);
  }

  // ------------------------------------------------------------ rendering

  function nearBottom(el) {
    return el.scrollHeight - el.scrollTop - el.clientHeight < 80;
  }

  // Put the server's HTML into a container, keeping the children whose HTML did not change (by
  // their data-key): open raw-JSON views, focus and element references survive an update.
  const source = new WeakMap();
  function patch(container, html) {
    const tpl = document.createElement("template");
    tpl.innerHTML = html;
    const byKey = new Map();
    for (const el of container.children) if (el.dataset && el.dataset.key) byKey.set(el.dataset.key, el);
    const wanted = [];
    for (const el of [...tpl.content.children]) {
      const key = el.dataset.key;
      const had = key ? byKey.get(key) : undefined;
      if (had && el.dataset.patch === "children") {
        patch(had, el.innerHTML);
        byKey.delete(key);
        wanted.push(had);
      } else if (had && source.get(had) === el.outerHTML) {
        byKey.delete(key);
        wanted.push(had);
      } else {
        source.set(el, el.outerHTML);
        wanted.push(el);
      }
    }
    let prev = null;
    for (const node of wanted) {
      const next = prev ? prev.nextSibling : container.firstChild;
      if (node !== next) container.insertBefore(node, next);
      prev = node;
    }
    if (!prev) container.replaceChildren();
    else while (prev.nextSibling) prev.nextSibling.remove();
  }

  function apply(parts) {
    for (const name of ["people", "sidebar", "header", "clock"]) {
      const busy = name === "clock" && $(name).contains(document.activeElement) && document.activeElement.tagName === "INPUT";
      if (shown[name] !== parts[name] && !busy) {
        $(name).innerHTML = parts[name];
        shown[name] = parts[name];
      }
    }
    const messages = $("messages");
    if (shown.messages !== parts.messages) {
      const stick = nearBottom(messages) || shown.messages === undefined;
      patch(messages, parts.messages);
      shown.messages = parts.messages;
      if (stick) messages.scrollTop = messages.scrollHeight;
      timings.rendered.push(performance.now());
    }
    if (shown.thread !== parts.thread) {
      const list = () => $("thread").querySelector(".thread-messages");
      const stick = !list() || nearBottom(list());
      patch($("thread"), parts.thread);
      shown.thread = parts.thread;
      if (stick && list()) list().scrollTop = list().scrollHeight;
    }
    applyModal(parts.modal);
  }

  function applyModal(html) {
    const holder = $("modal");
    const current = holder.querySelector("form.modal");
    const tmp = document.createElement("div");
    tmp.innerHTML = html;
    const next = tmp.querySelector("form.modal");
    if (current && next && current.dataset.view === next.dataset.view && current.dataset.hash === next.dataset.hash) return;
    holder.innerHTML = html;
    shown.modal = html;
    const first = holder.querySelector("input, textarea, select");
    if (first) first.focus();
  }

  // The parts come by long-polling: the server answers once something changed after
  // state.version. A new view (another person, channel, thread or tab) aborts the wait.
  const viewKey = () => query().toString();
  let waiting = null;
  async function poll() {
    for (;;) {
      const key = viewKey();
      waiting = new AbortController();
      try {
        const resp = await fetch("/sandbox/state?" + query({ since: state.version }).toString(), { signal: waiting.signal });
        const data = await resp.json();
        if (key !== viewKey()) continue;
        state.version = data.version;
        apply(data.parts);
      } catch (e) {
        if (e.name !== "AbortError") await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  function refresh() {
    state.version = -1;
    if (waiting) waiting.abort();
  }

  // ------------------------------------------------------------ what a person does

  function rawOf(el) {
    const type = el.dataset.type;
    if (type === "checkboxes") {
      return { values: [...el.querySelectorAll("input:checked")].map((i) => i.value) };
    }
    if (type === "radio_buttons") {
      const c = el.querySelector("input:checked");
      return { value: c ? c.value : null };
    }
    if (el.tagName === "SELECT") {
      const labels = {};
      for (const o of el.selectedOptions) labels[o.value] = o.textContent;
      if (el.multiple) return { values: [...el.selectedOptions].map((o) => o.value), labels };
      return { value: el.value || null, labels };
    }
    return { value: el.value === "" ? null : el.value };
  }

  function whereOf(el) {
    const box = el.closest("[data-where]");
    if (!box) return {};
    if (box.dataset.where === "view") return { view: box.dataset.view };
    return { channel: box.dataset.channel, ts: box.dataset.ts, ephemeral: box.dataset.ephemeral === "1" };
  }

  async function act(el) {
    const body = Object.assign(whereOf(el), { block: el.dataset.block, action: el.dataset.action, raw: rawOf(el) });
    if (el.dataset.url) window.open(el.dataset.url, "_blank", "noopener");
    el.disabled = el.tagName === "BUTTON";
    try {
      await post("act", body);
    } finally {
      el.disabled = false;
    }
  }

  async function sendFrom(box, threadTs) {
    const text = box.value;
    if (!text.trim()) return;
    box.value = "";
    timings.enter.push(performance.now());
    const data = await post("send", { channel: state.channel, text, thread_ts: threadTs || "" });
    if (!data.ok && !data.error) box.value = text;
  }

  async function submitModal(form) {
    const values = {};
    for (const block of form.querySelectorAll("[data-input-block]")) {
      const el = block.querySelector("[data-action]");
      if (!el) continue;
      values[el.dataset.block] = { [el.dataset.action]: rawOf(el) };
    }
    for (const err of form.querySelectorAll(".bk-error")) err.textContent = "";
    form.querySelector(".modal-error").textContent = "";
    const button = form.querySelector(".modal-submit");
    if (button) button.disabled = true;
    try {
      const data = await post("submit", { view: form.dataset.view, values });
      for (const [block, message] of Object.entries(data.errors || {})) {
        const slot = form.querySelector(`.bk-error[data-error-for="${CSS.escape(block)}"]`);
        if (slot) slot.textContent = message;
        else form.querySelector(".modal-error").textContent += message + " ";
      }
      if (data.error) form.querySelector(".modal-error").textContent = data.error;
    } finally {
      if (button) button.disabled = false;
    }
  }

  let suggestTimer = null;
  async function suggest(search) {
    const select = search.parentElement.querySelector("select");
    const view = whereOf(search).view;
    const data = await post("suggest", { view, block: select.dataset.block, action: select.dataset.action, value: search.value });
    const keep = select.multiple ? [...select.selectedOptions].map((o) => o.value) : [select.value];
    select.innerHTML = select.multiple ? "" : `<option value="">${search.placeholder}</option>`;
    for (const opt of data.options || []) {
      const o = document.createElement("option");
      o.value = opt.value;
      o.textContent = (opt.text && opt.text.text) || opt.value;
      o.selected = keep.includes(opt.value);
      select.appendChild(o);
    }
    // the suggestions in view, as Slack's menu shows them under the search box
    select.size = Math.min(6, Math.max(select.options.length, 2));
  }

  function go(channel, tab, thread) {
    state.channel = channel;
    state.tab = tab || "messages";
    state.thread = thread || "";
    delete shown.messages;
    remember();
    if (state.tab === "home") post("home", {});
    refresh();
  }

  document.addEventListener("click", async (ev) => {
    const el = ev.target.closest("button, a");
    if (!el) return;
    if (el.dataset.navChannel) {
      ev.preventDefault();
      go(el.dataset.navChannel, el.dataset.tab);
    } else if (el.dataset.thread) {
      state.thread = el.dataset.thread;
      remember();
      refresh();
    } else if (el.dataset.shortcut) {
      const where = whereOf(el);
      await post("shortcut", { channel: where.channel, ts: where.ts, callback: el.dataset.shortcut });
    } else if (el.dataset.closeThread) {
      state.thread = "";
      remember();
      refresh();
    } else if (el.dataset.jump || el.dataset.jumpInput) {
      const at = el.dataset.jump || $(el.dataset.jumpInput).value;
      el.disabled = true;
      try { await post("jump", { at }); } finally { el.disabled = false; }
    } else if (el.classList.contains("modal-close")) {
      await post("close", { view: el.closest("form").dataset.view });
    } else if (el.classList.contains("modal-submit")) {
      ev.preventDefault();
      await submitModal(el.closest("form"));
    } else if (el.dataset.action && el.dataset.type === "button") {
      await act(el);
    }
  });

  document.addEventListener("submit", (ev) => {
    ev.preventDefault();
    submitModal(ev.target);
  });

  document.addEventListener("change", (ev) => {
    const target = ev.target;
    if (target.id === "acting-as") {
      state.user = target.value;
      state.thread = "";
      if (state.channel.startsWith("D")) state.channel = "D" + state.user;
      for (const k of Object.keys(shown)) delete shown[k];
      remember();
      if (state.tab === "home") post("home", {});
      refresh();
      return;
    }
    const el = target.closest("[data-action]");
    if (!el || el.dataset.type === "button") return;
    const input = el.closest("[data-input-block]");
    if (input && !input.dataset.dispatch) return; // a form field: sent with the form
    act(el);
  });

  document.addEventListener("input", (ev) => {
    if (!ev.target.classList.contains("bk-search")) return;
    clearTimeout(suggestTimer);
    suggestTimer = setTimeout(() => suggest(ev.target), 150);
  });

  document.addEventListener("focusin", (ev) => {
    const t = ev.target;
    if (t.classList && t.classList.contains("bk-search") && !t.dataset.loaded && Number(t.dataset.minQuery) === 0) {
      t.dataset.loaded = "1";
      suggest(t);
    }
  });

  document.addEventListener("keydown", (ev) => {
    const t = ev.target;
    if (ev.key !== "Enter" || ev.shiftKey || ev.isComposing) return;
    if (t.id === "composer") {
      ev.preventDefault();
      sendFrom(t, "");
    } else if (t.id === "reply") {
      ev.preventDefault();
      sendFrom(t, t.dataset.threadTs);
    }
  });

  remember();
  if (state.tab === "home") post("home", {});
  const list = $("messages");
  list.scrollTop = list.scrollHeight;
  poll();
})();
