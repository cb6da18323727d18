// The detail panel: an incident's or event's facts and every source sentence, with the
// trigger marked, speaker, outlet, stance and date. Text goes in through textContent only.
import { el } from "./common.js";

export function actorsText(item) {
  return item.actor2 ? `${item.actor1 || "?"} → ${item.actor2}` : (item.actor1 || "");
}

function evidenceBlock(ev) {
  const text = ev.sentence.text;
  const [a, b] = ev.mark;
  const quote = el("blockquote", { class: "evidence-text" },
    text.slice(0, a), el("mark", { text: text.slice(a, b) }), text.slice(b));
  const meta = el("p", { class: "evidence-meta" },
    el("span", { class: "speaker", text: ev.speaker ? `Speaker: ${ev.speaker}` : "Speaker: —" }), " · ",
    el("span", { class: "outlet", text: ev.article.outlet || "unknown outlet" }), " · ",
    el("span", { class: "stance", text: `stance: ${ev.stance || "—"}` }), " · ",
    el("span", { class: "date", text: ev.article.published || ev.date || "undated" }), " · ",
    el("span", { class: "modality", text: ev.modality }));
  const link = el("a", { href: `/articles/${encodeURIComponent(ev.article.id)}?focus=${encodeURIComponent(ev.event_id)}#s-${ev.sentence.i}`,
    text: ev.article.title ? `in “${ev.article.title}”` : "in the article" });
  return el("li", { class: "evidence" }, quote, meta, link);
}

export function renderDetail(panel, d, kindPath) {
  const kind = d.plover.mode ? `${d.plover.type} / ${d.plover.mode}` : d.plover.type;
  const facts = el("dl", { class: "facts" });
  const add = (k, v) => {
    if (v !== null && v !== undefined && v !== "") facts.append(el("dt", { text: k }), el("dd", { text: v }));
  };
  add("Date", d.date.value || "undated");
  add("Place", d.place ? d.place.name : null);
  add("Actors", actorsText({ actor1: d.actor1 && d.actor1.name, actor2: d.actor2 && d.actor2.name }));
  add("Modality", d.modality);
  add("Sources", d.kind === "incident" ? `${d.sources_count} (${d.independent_sources} independent)` : d.sources_count);
  if (d.kind === "incident") add("Corroboration", d.corroboration.toFixed(2));
  if (d.contradicted) add("Contradicted", "yes: a source denies it");
  add("Fatalities", d.fatalities_max && d.fatalities_max !== d.fatalities ? `${d.fatalities}–${d.fatalities_max}` : d.fatalities);
  const list = el("ol", { class: "evidence-list" }, ...d.evidence.map(evidenceBlock));
  const permalink = el("a", { class: "permalink", href: `/${kindPath}/${encodeURIComponent(d.id)}`, text: "permalink" });
  panel.replaceChildren(
    el("h2", { class: "detail-title" }, el("span", { class: `type-chip t-${d.plover.type}`, text: kind }), " ", permalink),
    facts, el("h3", { text: `Source sentences (${d.evidence.length})` }), list);
}
