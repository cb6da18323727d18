// Helpers shared by the dashboard modules: DOM building (textContent only), fetch, dates,
// and the colours of event types and controlling sides.

export const TYPE_COLOURS = {
  ASSAULT: "#c62828", COERCE: "#ad1457", MOBILIZE: "#6a1b9a", THREATEN: "#4527a0",
  RETREAT: "#1565c0", CONCEDE: "#0277bd", PROTEST: "#00838f", SANCTION: "#00695c",
  ACCUSE: "#2e7d32", REJECT: "#558b2f", REQUEST: "#9e9d24", AID: "#f9a825",
  COOPERATE: "#ff8f00", SUPPORT: "#ef6c00", CONSULT: "#d84315", AGREE: "#6d4c41",
};
// sides as fusion names them (data/control/sides.yaml); others fall back to FOREIGN
export const SIDE_COLOURS = {
  government: ["#c0392b", "government"], opposition: ["#2e7d32", "opposition / rebels"],
  "kurdish-led": ["#d4a017", "Kurdish-led (SDF)"], "islamic-state": ["#212121", "Islamic State"],
  "turkish-state": ["#1f6fb2", "Turkey"], "israeli-state": ["#5c6bc0", "Israel"],
  "russian-state": ["#7b1fa2", "Russia"], "iranian-state": ["#00796b", "Iran"],
  us: ["#455a64", "United States"],
};
export const FOREIGN = "#8d6e63";
export const CONTESTED = "#ff8c00";
export const UNKNOWN = "#9e9e9e";

export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") node.textContent = String(v);
    else if (k === "class") node.className = v;
    else node.setAttribute(k, String(v));
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c ?? "")));
  return node;
}

export function svg(tag, attrs) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  return node;
}

export async function getJSON(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
  return body;
}

export function typeColour(t) { return TYPE_COLOURS[t] || "#546e7a"; }

export function sideColour(controller, status) {
  if (status === "contested") return CONTESTED;
  if (status !== "held" || !controller) return UNKNOWN;
  const known = SIDE_COLOURS[controller.side || ""];
  return known ? known[0] : FOREIGN;
}

export function isoDay(ms) { return new Date(ms).toISOString().slice(0, 10); }
export function dayMs(iso) { return Date.parse(`${iso}T00:00:00Z`); }

export function norm(name) {
  return (name || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/\b(governorate|province|muhafazat)\b/g, "").replace(/[^a-z]/g, "");
}

export const DAY = 86400000;
