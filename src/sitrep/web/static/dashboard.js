// sitrep dashboard: map, control slider, timeline, filters, list and detail panel.
// All data comes from /api by fetch; every data string goes into the page through textContent.
import {
  CONTESTED, DAY, FOREIGN, SIDE_COLOURS, UNKNOWN, dayMs, el, getJSON, isoDay, norm, sideColour, svg,
  typeColour,
} from "./common.js";
import { actorsText, renderDetail } from "./detail.js";

const MUTED = new Set(["hypothetical", "denied", "negated", "future"]);
const WINDOW_DAYS = 120;
const GAP_DAYS = 14;
const LIST_ROWS = 200;

const dash = document.getElementById("dash");
const form = document.getElementById("filters");
const statusEl = document.getElementById("status");
const slider = document.getElementById("asof");
const sliderLabel = document.getElementById("asof-label");
const state = { kind: "incidents", items: [], dateMin: null, days: 0, stats: null,
  pendingTypes: [], detailId: null };

// --- map ---------------------------------------------------------------------------
const hasLeaflet = typeof window.L !== "undefined";
let map = null;
let markerLayer = null;
let controlLayer = null;
let provinceLayer = null;
const provinces = new Map();

function initMap() {
  if (!hasLeaflet) return;
  map = L.map("map", { preferCanvas: true, zoomSnap: 0.25, minZoom: 3, maxZoom: 13,
    attributionControl: true, worldCopyJump: false });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Boundaries: Natural Earth; OCHA (CC BY-IGO)");
  map.fitBounds([[32.3, 35.6], [37.4, 42.4]]);
  map.createPane("boundaries").style.zIndex = "350";
  document.getElementById("map").sitrepMap = map; // for browser tests and the console
  controlLayer = L.layerGroup().addTo(map);
  markerLayer = new window.SitrepPoints().addTo(map);
  markerEvents();
  const legend = L.control({ position: "topright" });
  legend.onAdd = () => legendBox();
  legend.addTo(map);
}

// the legend folds away (a <details>); it starts open only where it hides little of the map
function legendBox() {
  const roomy = window.innerWidth > 1500 && window.innerHeight > 900;
  const box = el("details", { class: "legend-box", open: roomy ? "" : null },
    el("summary", { text: "Legend" }));
  L.DomEvent.disableClickPropagation(box);
  box.append(el("strong", { text: "Control" }));
  const entries = [...Object.values(SIDE_COLOURS).slice(0, 5), [FOREIGN, "other state forces"],
    [CONTESTED, "contested"], [UNKNOWN, "unknown / not held"]];
  for (const [colour, label] of entries) {
    const sw = el("span", { class: "swatch" });
    sw.style.background = colour;
    box.append(el("div", {}, sw, label));
  }
  box.append(el("strong", { text: "Markers" }),
    el("div", { text: "colour: event type (filters)" }),
    el("div", { text: "size: number of sources" }),
    el("div", { text: "hollow, dashed: not happened" }),
    el("div", { class: "small", text: "(hypothetical, future, negated, denied)" }));
  return box;
}

async function loadBoundaries() {
  if (!map) return;
  const styles = { world: { color: "#90a4ae", weight: 0.8, fillColor: "#eceff1", fillOpacity: 1 },
    "syria-admin2": { color: "#b0bec5", weight: 0.5, fill: false },
    "syria-admin1": { color: "#455a64", weight: 1.2, fillColor: "#fafafa", fillOpacity: 0.6 } };
  const names = Object.keys(styles);
  const layers = await Promise.all(names.map((name) => getJSON(`/api/boundaries/${name}`)
    .catch((err) => { setStatus(`boundary layer ${name} missing: ${err.message}`); return null; })));
  const renderer = L.canvas({ pane: "boundaries" });
  names.forEach((name, i) => {
    if (!layers[i]) return;
    const interactive = false;
    const layer = L.geoJSON(layers[i], { style: () => styles[name], renderer, interactive });
    layer.addTo(map);
    if (name === "syria-admin1") {
      provinceLayer = layer;
      layer.eachLayer((lyr) => {
        const p = lyr.feature.properties;
        for (const n of [p.name, ...(p.alt_names || [])]) provinces.set(norm(n), lyr);
      });
    }
  });
}

function drawMarkers() {
  if (!map) return;
  markerLayer.setItems(state.items.map((item) => ({
    lat: item.lat, lon: item.lon, item, muted: MUTED.has(item.modality),
    colour: typeColour(item.type), radius: 4 + 2.5 * Math.sqrt(item.sources || 0),
  })));
}

function markerEvents() {
  const tip = L.tooltip({ direction: "top", offset: [0, -6] });
  markerLayer.on("pointclick", (e) => showDetail(e.item.item.id));
  markerLayer.on("pointhover", (e) => {
    if (!e.item) {
      map.closeTooltip(tip);
      return;
    }
    const item = e.item.item;
    tip.setLatLng(e.latlng).setContent(
      `${item.type} · ${item.place || ""} · ${item.date || "undated"} · ${item.modality}`);
    map.openTooltip(tip);
  });
}

// --- filters, list, timeline ----------------------------------------------------------
// --- the view in the URL (#kind=…&type=…&as_of=…&id=…), so a view can be shared -----
const initial = new URLSearchParams(window.location.hash.slice(1));

function restoreForm() {
  for (const key of ["kind", "since", "until", "min_sources", "actor", "place"]) {
    const value = initial.get(key);
    if (value !== null && form.elements[key]) form.elements[key].value = value;
  }
  const modalities = new Set(initial.getAll("modality"));
  for (const box of form.querySelectorAll("input[name='modality']")) box.checked = modalities.has(box.value);
  state.pendingTypes = initial.getAll("type");
}

function saveView() {
  const params = filterParams();
  params.set("kind", state.kind);
  if (state.dateMin !== null && !slider.disabled) params.set("as_of", sliderDate());
  if (state.detailId) params.set("id", state.detailId);
  window.history.replaceState(null, "", `#${params}`);
}

function filterParams() {
  const data = new FormData(form);
  const params = new URLSearchParams();
  for (const key of ["since", "until", "actor", "place"]) {
    if (data.get(key)) params.set(key, data.get(key));
  }
  const min = Number(data.get("min_sources") || 0);
  if (min > 0) params.set("min_sources", String(min));
  const types = data.getAll("type");
  for (const t of types.length ? types : state.pendingTypes) params.append("type", t);
  for (const m of data.getAll("modality")) params.append("modality", m);
  return params;
}

function setStatus(text) { statusEl.textContent = text; }

// an actor or place chosen on its page ("show on map") narrows every view until cleared
function showScope() {
  const parts = [["actor", "Actor"], ["place", "Place"]]
    .filter(([key]) => form.elements[key].value)
    .map(([key, label]) => `${label}: ${form.elements[key].value}`);
  document.getElementById("scope-text").textContent = parts.join(" · ");
  document.getElementById("scope").hidden = !parts.length;
}

async function loadItems() {
  state.kind = document.getElementById("kind").value;
  const params = filterParams();
  setStatus("Loading…");
  const listParams = new URLSearchParams(params);
  listParams.set("limit", "20000");
  listParams.set("kind", state.kind);
  const [points, timeline] = await Promise.all([
    getJSON(`/api/map?${listParams}`),
    getJSON(`/api/timeline?kind=${state.kind}&${params}`),
  ]);
  performance.mark("sitrep:data");
  const cols = points.columns;
  state.items = Array.from({ length: points.count }, (_, i) => {
    const item = {};
    cols.forEach((c, j) => { item[c] = points.values[j][i]; });
    return item;
  });
  const more = points.truncated ? " (first 20,000)" : "";
  setStatus(`${points.count} ${state.kind}${more}`);
  drawMarkers();
  performance.mark("sitrep:markers");
  drawList();
  performance.mark("sitrep:list");
  if (state.dateMin === null) setRange(await state.stats, timeline);
  drawTimeline(timeline);
  saveView();
}

function listRow(item) {
  const chip = el("span", { class: `type-chip t-${item.type}`, text: item.type });
  const tr = el("tr", { class: `mod-${item.modality}`, "data-id": item.id, tabindex: 0 },
    el("td", { class: "nowrap", text: item.date || "—" }), el("td", {}, chip),
    el("td", { text: item.place || "" }), el("td", { text: actorsText(item) }),
    el("td", { text: item.sources }));
  tr.addEventListener("click", () => showDetail(item.id));
  tr.addEventListener("keydown", (e) => { if (e.key === "Enter") showDetail(item.id); });
  return tr;
}

function drawList(shown = LIST_ROWS) {
  const body = document.querySelector("#list tbody");
  const rows = state.items.slice(0, shown).map(listRow);
  if (!rows.length) rows.push(el("tr", {}, el("td", { colspan: 5, class: "empty", text: `No ${state.kind} match.` })));
  if (state.items.length > shown) {
    const more = el("button", { type: "button", class: "more", text: `Show more (${state.items.length - shown} left)` });
    more.addEventListener("click", () => drawList(shown + LIST_ROWS));
    rows.push(el("tr", {}, el("td", { colspan: 5 }, more)));
  }
  body.replaceChildren(...rows);
}

function drawTimeline(rows) {
  const box = document.getElementById("timeline");
  box.replaceChildren();
  const known = state.dateMin !== null;
  document.getElementById("timeline-first").textContent = known ? isoDay(state.dateMin) : "";
  document.getElementById("timeline-last").textContent = known ? isoDay(state.dateMin + state.days * DAY) : "";
  if (!rows.length || state.dateMin === null) return;
  const width = 1000, height = 100;
  box.setAttribute("viewBox", `0 0 ${width} ${height}`);
  const perDay = new Map();
  for (const r of rows) {
    const list = perDay.get(r.date) || [];
    list.push(r);
    perDay.set(r.date, list);
  }
  const maxTotal = Math.max(...[...perDay.values()].map((l) => l.reduce((s, r) => s + r.n, 0)));
  const span = Math.max(1, state.days + 1);
  const barW = Math.max(1, width / span - 1);
  for (const [date, list] of perDay) {
    if (dayMs(date) < state.dateMin) continue;
    const x = ((dayMs(date) - state.dateMin) / DAY) * (width / span);
    let y = height;
    for (const r of list) {
      const h = (r.n / maxTotal) * (height - 4);
      y -= h;
      const rect = svg("rect", { x, y, width: barW, height: h, fill: typeColour(r.type), class: "bar",
        "data-day": Math.round((dayMs(date) - state.dateMin) / DAY) });
      const title = svg("title", {});
      title.textContent = `${date} ${r.type}: ${r.n}`;
      rect.append(title);
      box.append(rect);
    }
  }
  box.append(svg("line", { id: "asof-line", x1: 0, x2: 0, y1: 0, y2: height, class: "asof-line" }));
  moveTimelineCursor();
}

function moveTimelineCursor() {
  const line = document.getElementById("asof-line");
  if (!line) return;
  const span = Math.max(1, state.days + 1);
  const x = (Number(slider.value) + 0.5) * (1000 / span);
  line.setAttribute("x1", x);
  line.setAttribute("x2", x);
}

function drawTypeOptions(byType) {
  const box = document.getElementById("type-options");
  const types = Object.keys(byType).sort();
  box.replaceChildren(...types.map((t) => {
    const sw = el("span", { class: "swatch" });
    sw.style.background = typeColour(t);
    const box = el("input", { type: "checkbox", name: "type", value: t });
    box.checked = state.pendingTypes.includes(t);
    return el("label", { class: "chk" }, box, sw, ` ${t}`);
  }));
  state.pendingTypes = [];
  if (!types.length) box.append(el("span", { class: "small", text: "none yet" }));
}

// --- detail ------------------------------------------------------------------------
function showTab(id) {
  for (const tab of document.querySelectorAll('[role="tab"]')) {
    const on = tab.dataset.panel === id;
    tab.setAttribute("aria-selected", on ? "true" : "false");
    document.getElementById(tab.dataset.panel).hidden = !on;
  }
}

async function showDetail(id) {
  state.detailId = id;
  saveView();
  const panel = document.getElementById("panel-detail");
  showTab("panel-detail");
  panel.replaceChildren(el("p", { class: "empty", text: "Loading…" }));
  let d;
  try {
    d = await getJSON(`/api/${state.kind}/${encodeURIComponent(id)}`);
  } catch (err) {
    panel.replaceChildren(el("p", { class: "error-message", text: err.message }));
    return;
  }
  renderDetail(panel, d, state.kind);
}

// --- control ----------------------------------------------------------------------
let controlTimer = null;

function sliderDate() { return isoDay(state.dateMin + Number(slider.value) * DAY); }

async function loadControl() {
  if (state.dateMin === null) return;
  const asOf = sliderDate();
  sliderLabel.textContent = asOf;
  moveTimelineCursor();
  const entries = await getJSON(`/api/control?as_of=${asOf}`);
  drawControl(entries, asOf);
  saveView();
}

// the same test as fusion's is_province (sitrep/fuse/places.py)
function provinceFor(p) {
  const feature = p.feature || "";
  if (feature === "ADM1" || feature === "ADM1H") return provinces.get(norm(p.name)) || null;
  if (/\b(provinces?|governorates?|countryside)\b/i.test(p.text || "")) {
    return provinces.get(norm(p.admin1 || p.name)) || null;
  }
  return null;
}

function drawControl(entries, asOf) {
  if (provinceLayer) provinceLayer.eachLayer((l) => l.setStyle({ fillColor: "#fafafa", fillOpacity: 0.6 }));
  if (controlLayer) controlLayer.clearLayers();
  const rows = [];
  for (const c of entries) {
    const colour = sideColour(c.controller, c.status);
    const who = c.controller ? c.controller.name : "";
    const p = c.place || {};
    const province = provinceFor(p);
    if (province) province.setStyle({ fillColor: colour, fillOpacity: 0.45 });
    else if (controlLayer && p.lat !== null && p.lat !== undefined) {
      const m = L.circleMarker([p.lat, p.lon], { radius: 13, color: colour, weight: 4,
        opacity: 0.9, fillColor: colour, fillOpacity: 0.12,
        dashArray: c.status === "contested" ? "6 4" : null });
      m.bindTooltip(`${p.name}: ${c.status}${who ? ` (${who})` : ""} since ${c.since || "?"}`);
      controlLayer.addLayer(m);
    }
    const sw = el("span", { class: "swatch" });
    sw.style.background = colour;
    rows.push(el("tr", { "data-place": p.id || "", "data-status": c.status },
      el("td", { class: "nowrap" }, sw, ` ${p.name || ""}`), el("td", { class: "status-cell", text: c.status }),
      el("td", { text: who }), el("td", { class: "nowrap", text: c.since || "—" })));
  }
  if (!rows.length) rows.push(el("tr", {}, el("td", { colspan: 4, class: "empty", text: `No control record as of ${asOf}.` })));
  document.querySelector("#control-table tbody").replaceChildren(...rows);
}

function onSlider() {
  sliderLabel.textContent = sliderDate();
  moveTimelineCursor();
  clearTimeout(controlTimer);
  controlTimer = setTimeout(() => loadControl().catch((e) => setStatus(e.message)), 120);
}

// --- start -------------------------------------------------------------------------
// the slider spans the latest run of data: back from the latest date until a gap of more
// than GAP_DAYS between dated rows (stray old dates stay out), and at most WINDOW_DAYS
function setRange(stats, rows) {
  const dates = [stats.events.date_min, stats.events.date_max, stats.incidents.date_min,
    stats.incidents.date_max, ...stats.control_dates].filter(Boolean).map(dayMs);
  if (!dates.length) {
    slider.disabled = true;
    return;
  }
  const last = Math.max(...dates);
  const days = [...new Set(rows.map((r) => dayMs(r.date)))].filter((d) => d <= last)
    .sort((a, b) => b - a);
  let first = days.length ? days[0] : Math.min(...dates);
  for (const d of days) {
    if (first - d > GAP_DAYS * DAY) break;
    first = d;
  }
  first = Math.max(Math.min(...dates), first - 3 * DAY);
  state.dateMin = Math.max(first, last - WINDOW_DAYS * DAY);
  state.days = Math.round((last - state.dateMin) / DAY);
  slider.max = String(state.days);
  const wanted = initial.get("as_of");
  const day = wanted ? Math.round((dayMs(wanted) - state.dateMin) / DAY) : NaN;
  slider.value = String(Number.isFinite(day) ? Math.min(Math.max(day, 0), state.days) : state.days);
  performance.mark("sitrep:range");
}

async function start() {
  initMap();
  if (Number(dash.dataset.incidents) === 0 && Number(dash.dataset.events) > 0) {
    document.getElementById("kind").value = "events";
  }
  restoreForm();
  showScope();
  // everything the first view needs is requested at once
  state.stats = getJSON("/api/stats");
  state.stats.then((stats) => drawTypeOptions(stats[document.getElementById("kind").value].by_type));
  const boundaries = loadBoundaries().then(() => performance.mark("sitrep:boundaries"));
  await Promise.all([loadItems(), boundaries]);
  await loadControl();
  if (initial.get("id")) await showDetail(initial.get("id"));
  dash.dataset.readyMs = String(Math.round(performance.now()));
  dash.dataset.ready = "true";
}

form.addEventListener("submit", (e) => {
  e.preventDefault();
  loadItems().catch((err) => setStatus(err.message));
});
form.addEventListener("reset", () => setTimeout(() => {
  showScope();
  loadItems().catch((err) => setStatus(err.message));
}, 0));
document.getElementById("kind").addEventListener("change", async () => {
  state.detailId = null;
  const stats = await getJSON("/api/stats");
  drawTypeOptions(stats[document.getElementById("kind").value].by_type);
  loadItems().catch((err) => setStatus(err.message));
});
document.getElementById("scope-clear").addEventListener("click", () => {
  form.elements.actor.value = "";
  form.elements.place.value = "";
  showScope();
  loadItems().catch((err) => setStatus(err.message));
});
slider.addEventListener("input", onSlider);
document.getElementById("timeline").addEventListener("click", (e) => {
  const day = e.target.getAttribute && e.target.getAttribute("data-day");
  if (day === null || day === undefined) return;
  slider.value = day;
  onSlider();
});
for (const tab of document.querySelectorAll('[role="tab"]')) {
  tab.addEventListener("click", () => showTab(tab.dataset.panel));
}
start().catch((err) => setStatus(`Error: ${err.message}`));
